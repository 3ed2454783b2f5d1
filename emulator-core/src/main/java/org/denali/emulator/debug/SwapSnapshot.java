package org.denali.emulator.debug;

import java.util.List;

/**
 * A VM's memory residency and swap state.
 *
 * @param admitted whether the gatekeeper has it in memory (false = swapped out or never admitted)
 * @param memoryPages pages in its accessible range
 * @param mappedPages pages mapped in its page table now (image pages shared with other VMs included)
 * @param backingPages private backing pages it holds now
 * @param footprintPages backing pages it is expected to need when admitted
 * @param swapRegionBytes its static swap region (VmConfig.swapBytes)
 * @param residency runs of mapped pages as [first, last] page-number pairs, ascending
 * @param resident runs of private pages holding a backing page of the budget (mapped or not; empty without a
 *        swap file, where {@code residency} is the whole story)
 * @param swapped runs of pages in the VM's swap region, as [first, last] pairs (empty without a swap file)
 * @param faults demand faults served by the memory manager (first touches and page-ins; 0 if not counted)
 */
public record SwapSnapshot(int vmId, boolean admitted, int memoryPages, int mappedPages, long backingPages,
                           long footprintPages, long swapRegionBytes, long pageIns, long pageOuts,
                           List<int[]> residency, List<int[]> resident, List<int[]> swapped, long faults) {
}
