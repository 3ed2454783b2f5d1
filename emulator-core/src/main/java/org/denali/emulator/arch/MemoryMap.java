package org.denali.emulator.arch;

/** Layout of a VM's 32-bit flat address space (docs/architecture.md, "Memory"). */
public final class MemoryMap {
    public static final int PAGE_SIZE = 4096;
    public static final int PAGE_SHIFT = 12;

    /** Page 0 holds the virtual registers; the guest reads it and writes only its writable registers. */
    public static final int VIRTUAL_REGISTERS_BASE = 0x0000_0000;

    /** Where the Ilwaco link map places the image's first loadable segment. */
    public static final int LINK_BASE = 0x0010_0000;

    /** Default size of the accessible range [0, size) chosen at instantiation. */
    public static final int DEFAULT_MEMORY_SIZE = 16 << 20;

    /** Largest accessible range a VM may be given: everything below the kernel region. */
    public static final int MAX_MEMORY_SIZE = 0xC000_0000;

    /** The isolation kernel is mapped from here to the top of the space; any guest access faults. */
    public static final int KERNEL_REGION_BASE = 0xC000_0000;

    private MemoryMap() {
    }
}
