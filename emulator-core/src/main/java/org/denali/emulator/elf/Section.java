package org.denali.emulator.elf;

/** One section header. Addresses, offsets and sizes are unsigned 32-bit values held in longs. */
public record Section(int index, String name, long type, long flags, long address, long fileOffset, long size,
        long link, long info, long entrySize) {

    public static final long SHT_NULL = 0;
    public static final long SHT_PROGBITS = 1;
    public static final long SHT_SYMTAB = 2;
    public static final long SHT_STRTAB = 3;
    public static final long SHT_NOBITS = 8;
    public static final long SHF_ALLOC = 0x2;
    public static final long SHF_EXECINSTR = 0x4;

    /** NOBITS sections (.bss) occupy memory but no file bytes. */
    public boolean hasFileData() {
        return type != SHT_NOBITS && type != SHT_NULL;
    }

    public boolean isExecutable() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    public boolean isAllocated() {
        return (flags & SHF_ALLOC) != 0;
    }
}
