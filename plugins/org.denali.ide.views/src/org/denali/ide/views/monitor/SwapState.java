package org.denali.ide.views.monitor;

import java.util.List;

/**
 * Reply to {@code swap VM}.
 *
 * @param residency runs [first, last] of pages mapped in the VM's page table now
 * @param resident runs of private pages holding a backing page (mapped or not yet; empty without a swap file)
 * @param swapped runs [first, last] of pages in its swap region (empty without a swap file)
 */
public record SwapState(int vm, boolean admitted, int memoryPages, int mappedPages, long backingPages,
        long footprintPages, long swapRegionBytes, long pageIns, long pageOuts, long faults, List<int[]> residency,
        List<int[]> resident, List<int[]> swapped) {

    /** What one page is, for the residency picture. */
    public enum PageKind {
        RESIDENT, SWAPPED, UNTOUCHED
    }

    /**
     * Every page's kind, index = page number: resident if mapped or holding a backing page, swapped if in the swap
     * region (the kernel's view after an eviction wins), else never touched (or re-obtainable from the image).
     */
    public PageKind[] pageKinds() {
        PageKind[] kinds = new PageKind[memoryPages];
        java.util.Arrays.fill(kinds, PageKind.UNTOUCHED);
        mark(kinds, residency, PageKind.RESIDENT);
        mark(kinds, resident, PageKind.RESIDENT);
        mark(kinds, swapped, PageKind.SWAPPED);
        return kinds;
    }

    private static void mark(PageKind[] kinds, List<int[]> runs, PageKind kind) {
        for (int[] run : runs) {
            for (int pn = Math.max(0, run[0]); pn <= run[1] && pn < kinds.length; pn++) {
                kinds[pn] = kind;
            }
        }
    }
}
