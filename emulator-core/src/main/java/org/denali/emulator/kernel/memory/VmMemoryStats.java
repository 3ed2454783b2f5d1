package org.denali.emulator.kernel.memory;

/**
 * Per-VM memory counters for the debugger and the gatekeeper.
 *
 * @param residentPages private backing pages this VM holds now (shared image pages are not counted)
 * @param swappedPages pages of this VM currently in its swap region
 * @param swapSlots size of the VM's swap region in pages
 * @param pageIns pages read back from swap
 * @param pageOuts pages written to swap
 * @param demandFaults first-touch and page-in requests served through the VM's page provider
 * @param swappedOut true while the VM is swapped out whole
 */
public record VmMemoryStats(int residentPages, int swappedPages, int swapSlots, long pageIns, long pageOuts,
                            long demandFaults, boolean swappedOut) {
}
