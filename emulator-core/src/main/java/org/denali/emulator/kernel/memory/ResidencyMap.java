package org.denali.emulator.kernel.memory;

import java.util.Arrays;

/**
 * Snapshot of which guest pages of one VM are resident or swapped (ascending page numbers); every other page
 * is {@link PageState#ABSENT}.
 */
public record ResidencyMap(int[] residentPages, int[] swappedPages) {
    public ResidencyMap {
        residentPages = residentPages.clone();
        swappedPages = swappedPages.clone();
        Arrays.sort(residentPages);
        Arrays.sort(swappedPages);
    }

    public PageState stateOf(int pageNumber) {
        if (Arrays.binarySearch(residentPages, pageNumber) >= 0) {
            return PageState.RESIDENT;
        }
        if (Arrays.binarySearch(swappedPages, pageNumber) >= 0) {
            return PageState.SWAPPED;
        }
        return PageState.ABSENT;
    }

    @Override
    public int[] residentPages() {
        return residentPages.clone();
    }

    @Override
    public int[] swappedPages() {
        return swappedPages.clone();
    }
}
