package org.denali.emulator.devices.disk;

/** Values the controller writes into a DISK_SUBMIT descriptor's {@code status} word (docs/architecture.md §5). */
public final class DiskStatus {
    public static final int OK = 0;
    /** {@code disk} is not the index of a disk granted to this VM. */
    public static final int BAD_DISK = 1;
    /** {@code block} is not below the disk's size in blocks. */
    public static final int BAD_BLOCK = 2;
    /** A write to a disk attached read-only. */
    public static final int READ_ONLY = 3;
    /** {@code buf} is not 4 KB aligned or the block does not fit in accessible memory (Decision). */
    public static final int BAD_BUFFER = 4;
    /** {@code op} is neither 0 (read) nor 1 (write) (Decision). */
    public static final int BAD_OP = 5;
    /** The host could not read or write the disk file (Decision). */
    public static final int IO_ERROR = 6;
    /** Written at submission; replaced by the final status when the completion is applied. */
    public static final int IN_PROGRESS = 0xFFFF_FFFF;

    private DiskStatus() {
    }
}
