package org.denali.emulator.kernel.memory;

/** Where one guest page lives, as the debugger shows it. */
public enum PageState {
    /** Never touched, or re-obtainable from the image: costs nothing. */
    ABSENT,
    /** A private page holding one backing page of the budget. */
    RESIDENT,
    /** In the VM's swap region on disk. */
    SWAPPED
}
