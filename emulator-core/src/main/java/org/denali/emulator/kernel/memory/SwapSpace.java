package org.denali.emulator.kernel.memory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's swap file: a fixed number of 4 KB slots carved into static per-VM {@link SwapRegion}s (first fit,
 * adjacent free extents merged on release). Swap contents do not outlive the kernel, so the file is scratch:
 * it is created empty and deleted on {@link #close()}, and nothing is forced to disk. Not thread-safe on its own:
 * {@link PhysicalMemory} calls it under its monitor.
 */
public final class SwapSpace implements Closeable {
    static final int SLOT_SIZE = 4096;

    private final Path file;
    private final FileChannel channel;
    private final long capacitySlots;
    /** Free extents: first slot → length in slots. */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private long freeSlots;

    private SwapSpace(Path file, FileChannel channel, long capacitySlots) {
        this.file = file;
        this.channel = channel;
        this.capacitySlots = capacitySlots;
        if (capacitySlots > 0) {
            free.put(0L, capacitySlots);
        }
        this.freeSlots = capacitySlots;
    }

    /** Creates (truncating) a swap file able to hold {@code capacityBytes} (rounded down to 4 KB slots). */
    public static SwapSpace create(Path file, long capacityBytes) throws IOException {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("negative swap capacity");
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new SwapSpace(file, channel, capacityBytes / SLOT_SIZE);
    }

    /** File bytes one VM's region of {@code swapBytes} of page slots takes, its header of per-slot metadata included. */
    public static long regionBytes(long swapBytes) {
        long dataSlots = swapBytes / SLOT_SIZE;
        long headerSlots = (dataSlots + SwapHeader.ENTRIES_PER_SLOT - 1) / SwapHeader.ENTRIES_PER_SLOT;
        return (dataSlots + headerSlots) * SLOT_SIZE;
    }

    public Path file() {
        return file;
    }

    public long capacitySlots() {
        return capacitySlots;
    }

    public synchronized long freeSlots() {
        return freeSlots;
    }

    /** Reserves a region with {@code dataSlots} page slots plus its header, or null if no extent is large enough. */
    synchronized SwapRegion allocate(int dataSlots) {
        long need = SwapRegion.totalSlotsFor(dataSlots);
        for (Map.Entry<Long, Long> extent : free.entrySet()) {
            if (extent.getValue() >= need) {
                long start = extent.getKey();
                long remaining = extent.getValue() - need;
                free.remove(start);
                if (remaining > 0) {
                    free.put(start + need, remaining);
                }
                freeSlots -= need;
                return SwapRegion.sized(start, dataSlots);
            }
        }
        return null;
    }

    /** Returns a region's slots for reuse by later VMs. */
    synchronized void release(SwapRegion region) {
        long start = region.firstSlot();
        long length = region.totalSlots();
        freeSlots += length;
        Map.Entry<Long, Long> before = free.floorEntry(start);
        if (before != null && before.getKey() + before.getValue() == start) {
            start = before.getKey();
            length += before.getValue();
            free.remove(start);
        }
        Long afterLength = free.remove(start + length);
        if (afterLength != null) {
            length += afterLength;
        }
        free.put(start, length);
    }

    void write(long slot, ByteBuffer data) {
        try {
            long position = slot * SLOT_SIZE;
            while (data.hasRemaining()) {
                position += channel.write(data, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills {@code target} from {@code slot} on; bytes past the end of the file read as zero. */
    void read(long slot, ByteBuffer target) {
        try {
            long position = slot * SLOT_SIZE;
            while (target.hasRemaining()) {
                int n = channel.read(target, position);
                if (n < 0) {
                    while (target.hasRemaining()) {
                        target.put((byte) 0);
                    }
                    break;
                }
                position += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        Files.deleteIfExists(file);
    }
}
