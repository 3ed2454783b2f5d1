package org.denali.emulator.kernel;

/**
 * How a VM ended.
 *
 * @param code the guest's terminate code; {@code 0x80000000 | vector} for a fault (docs/architecture.md §1.4)
 * @param fault the fault report, for {@link Kind#FAULTED} only
 */
public record VmExit(Kind kind, int code, FaultReport fault) {
    public enum Kind {
        /** The guest executed terminate. */
        TERMINATED,
        /** The guest faulted (or the kernel failed while running it); see {@link #fault()}. */
        FAULTED,
        /** It retired the configured maximum number of instructions. */
        INSTRUCTION_LIMIT,
        /** It idled forever and nothing was left that could wake it. */
        IDLE_FOREVER,
        /** The kernel was shut down while it was still alive. */
        SHUTDOWN,
        /** Its deployment's workload ended (every load generator ended) while it was still alive, e.g. a server. */
        WORKLOAD_ENDED
    }

    public static VmExit terminated(int code) {
        return new VmExit(Kind.TERMINATED, code, null);
    }

    public static VmExit faulted(FaultReport report) {
        return new VmExit(Kind.FAULTED, 0x8000_0000 | report.vector(), report);
    }

    public static VmExit of(Kind kind) {
        return new VmExit(kind, 0, null);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TERMINATED -> "terminated with code " + code;
            case FAULTED -> fault.summary();
            case INSTRUCTION_LIMIT -> "stopped: instruction limit reached";
            case IDLE_FOREVER -> "stopped: idle forever with nothing left to wake it";
            case SHUTDOWN -> "stopped: kernel shut down";
            case WORKLOAD_ENDED -> "stopped: the workload ended";
        };
    }
}
