package org.denali.emulator.debug.history;

/**
 * When the history takes its in-memory checkpoints and how many it keeps. A seek replays at most about
 * {@code interval} instructions after restoring one, so the interval bounds a seek's time; docs/performance.md,
 * "Reverse execution", has the measurement behind the default.
 *
 * @param interval instructions (all VMs together) between periodic checkpoints
 * @param afterStop instructions since the last checkpoint after which a debugger stop gets a checkpoint of its own
 *        when the run resumes (so stepping back over a session's steps restores a near one)
 * @param maxKept checkpoints kept; beyond it the oldest goes and the history starts later
 * @param maxBytes bytes of checkpoint payload kept, likewise
 */
public record CheckpointPolicy(long interval, long afterStop, int maxKept, long maxBytes) {
    /** The measured default: 10^7 instructions (a seek replays at most that, ≈ 0.1 s), checkpoints at stops. */
    public static CheckpointPolicy standard() {
        return new CheckpointPolicy(10_000_000, 1, 4096, Math.max(64L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    public CheckpointPolicy {
        if (interval < 1 || afterStop < 1 || maxKept < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("checkpoint policy values must be positive");
        }
    }
}
