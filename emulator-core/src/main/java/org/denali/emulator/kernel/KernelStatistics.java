package org.denali.emulator.kernel;

/**
 * Counters of one kernel run, for {@code denali run}'s summary and the benchmarks.
 *
 * @param vmSwitches quanta in which a worker ran a different VM than in its previous quantum
 * @param interruptBatches frames delivered (each carries a batch of lines)
 * @param interruptLines lines delivered, summed over batches
 * @param compiledInstructions of {@code instructions}, those retired by compiled code (the JIT)
 */
public record KernelStatistics(long instructions, long quanta, long vmSwitches, long interruptBatches,
        long interruptLines, long idleWakesByTimeout, long idleWakesByInterrupt, long faults, long pageIns,
        long pageOuts, long elapsedNanos, long compiledInstructions) {

    /** Million instructions per second of host wall time. */
    public double mips() {
        return elapsedNanos == 0 ? 0 : instructions * 1000.0 / elapsedNanos;
    }

    public String summary() {
        return String.format("%,d instructions in %.3f s (%.1f MIPS), %,d quanta, %,d VM switches, "
                + "%,d interrupts delivered in %,d batches, %,d idle wakes (%,d timeout, %,d interrupt), "
                + "%,d faults, %,d page-ins, %,d page-outs, %.1f%% compiled",
            instructions, elapsedNanos / 1e9, mips(), quanta, vmSwitches, interruptLines, interruptBatches,
            idleWakesByTimeout + idleWakesByInterrupt, idleWakesByTimeout, idleWakesByInterrupt, faults, pageIns,
            pageOuts, instructions == 0 ? 0.0 : 100.0 * compiledInstructions / instructions);
    }
}
