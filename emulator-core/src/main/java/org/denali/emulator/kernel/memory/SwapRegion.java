package org.denali.emulator.kernel.memory;

/**
 * One VM's static extent of the swap file, in 4 KB slots: {@code headerSlots} slots of per-slot metadata followed by
 * {@code dataSlots} page slots. The header is written when the VM is swapped out whole (see {@link SwapHeader}).
 */
record SwapRegion(long firstSlot, int headerSlots, int dataSlots) {
    static SwapRegion sized(long firstSlot, int dataSlots) {
        return new SwapRegion(firstSlot, SwapHeader.slotsFor(dataSlots), dataSlots);
    }

    static int totalSlotsFor(int dataSlots) {
        return SwapHeader.slotsFor(dataSlots) + dataSlots;
    }

    int totalSlots() {
        return headerSlots + dataSlots;
    }

    /** File slot of data slot {@code index} of this region. */
    long dataSlot(int index) {
        return firstSlot + headerSlots + index;
    }
}
