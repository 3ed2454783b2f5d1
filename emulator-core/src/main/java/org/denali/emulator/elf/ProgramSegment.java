package org.denali.emulator.elf;

/**
 * One program header. Addresses and sizes are unsigned 32-bit values held in longs.
 *
 * @param index position in the program header table, used in messages ("segment 2")
 */
public record ProgramSegment(int index, long type, long fileOffset, long virtualAddress, long fileSize,
        long memorySize, long flags, long alignment) {

    public static final long PT_LOAD = 1;
    public static final long PT_DYNAMIC = 2;
    public static final long PT_INTERP = 3;
    public static final long PF_X = 1;
    public static final long PF_W = 2;
    public static final long PF_R = 4;

    public boolean isLoad() {
        return type == PT_LOAD;
    }

    public boolean isExecutable() {
        return (flags & PF_X) != 0;
    }

    public boolean isWritable() {
        return (flags & PF_W) != 0;
    }

    /** First address after the segment in memory. */
    public long endAddress() {
        return virtualAddress + memorySize;
    }

    public boolean containsAddress(long address) {
        return address >= virtualAddress && address < endAddress();
    }

    /** "segment 1 [0x100000, 0x100234)", for messages. */
    String describe() {
        return "segment " + index + " [" + Hex.of(virtualAddress) + ", " + Hex.of(endAddress()) + ")";
    }
}
