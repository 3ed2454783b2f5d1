package org.denali.ide.views.monitor;

/**
 * Reply to {@code stats}: kernel-wide counters.
 *
 * @param interruptBatches interrupt frames delivered (each a batch of lines)
 * @param interruptLines lines delivered, summed over the batches
 * @param physicalPages the backing-page budget, or -1 if the kernel did not report memory
 * @param usedPages backing pages in use now, or -1
 */
public record KernelStats(long nowNanos, int vms, long instructions, long quanta, long interruptBatches,
        long interruptLines, long pageIns, long pageOuts, long faults, long elapsedNanos, long physicalPages,
        long usedPages) {
}
