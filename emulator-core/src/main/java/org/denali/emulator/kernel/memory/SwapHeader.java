package org.denali.emulator.kernel.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * On-disk metadata of a swapped-out VM, so that the in-memory record of such a VM has a fixed size however many
 * pages it has on disk. One 8-byte entry per data slot, little-endian: {@code u32 pageNumber + 1} (0 = slot
 * free) and {@code u32 crc} of the slot's page ({@link #pageCrc}). The whole header area is protected by one
 * CRC32C that stays in memory ({@link VmMemory}'s record), so a flipped byte anywhere in the header, including one
 * that would make a used slot look free, is detected on swap-in.
 */
final class SwapHeader {
    static final int ENTRY_BYTES = 8;
    static final int ENTRIES_PER_SLOT = SwapSpace.SLOT_SIZE / ENTRY_BYTES;

    private SwapHeader() {
    }

    static int slotsFor(int dataSlots) {
        return (dataSlots + ENTRIES_PER_SLOT - 1) / ENTRIES_PER_SLOT;
    }

    static ByteBuffer allocate(SwapRegion region) {
        return ByteBuffer.allocate(region.headerSlots() * SwapSpace.SLOT_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    static void put(ByteBuffer header, int slotIndex, int pageNumber, int crc) {
        header.putInt(slotIndex * ENTRY_BYTES, pageNumber + 1);
        header.putInt(slotIndex * ENTRY_BYTES + 4, crc);
    }

    /** Page number stored for {@code slotIndex}, or -1 if the slot is free. */
    static int pageNumber(ByteBuffer header, int slotIndex) {
        return header.getInt(slotIndex * ENTRY_BYTES) - 1;
    }

    static int crc(ByteBuffer header, int slotIndex) {
        return header.getInt(slotIndex * ENTRY_BYTES + 4);
    }

    static int checksum(ByteBuffer header) {
        CRC32C crc = new CRC32C();
        crc.update(header.duplicate().clear());
        return (int) crc.getValue();
    }

    /**
     * CRC32C of a page's 4096 bytes followed by its page number (little-endian), so a page read back from the wrong
     * slot, or under a corrupted page number, fails the check too.
     */
    static int pageCrc(byte[] data, int pageNumber) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, data.length);
        crc.update(pageNumber);
        crc.update(pageNumber >>> 8);
        crc.update(pageNumber >>> 16);
        crc.update(pageNumber >>> 24);
        return (int) crc.getValue();
    }
}
