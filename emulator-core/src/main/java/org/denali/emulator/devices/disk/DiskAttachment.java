package org.denali.emulator.devices.disk;

/** One disk granted to one VM; obtained from {@link DiskStore#attach} and returned with {@link DiskStore#detach}. */
public final class DiskAttachment {
    private final VirtualDisk disk;
    private final boolean readOnly;

    DiskAttachment(VirtualDisk disk, boolean readOnly) {
        this.disk = disk;
        this.readOnly = readOnly;
    }

    public VirtualDisk disk() {
        return disk;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Size in 4 KB blocks, for the DISK_BLOCKS register. */
    public int blocks() {
        return disk.blocks();
    }
}
