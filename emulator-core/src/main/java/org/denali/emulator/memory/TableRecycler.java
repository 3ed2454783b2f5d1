package org.denali.emulator.memory;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Page tables of dropped {@link PagedMemory}s, kept for the next VM that rebuilds one of the same size. With a
 * million VMs taking turns, every quantum rebuilds a table and another VM drops one; allocating them afresh made
 * the garbage collector the kernel's main work (tables live until their VM's idle ends, long enough to reach the
 * old generation). Bounded: beyond {@link #MAX_BYTES} dropped tables are left to the collector.
 *
 * <p>A table handed out is cleared first, so no VM ever sees another's entries. Thread-safe: tables are dropped
 * under the kernel's lock and rebuilt on the workers.
 */
final class TableRecycler {
    /** At most this much heap in waiting tables (≈ 5,000 tables of a 2 MiB VM, 1,000 of a 16 MiB one). */
    static final long MAX_BYTES = 64L << 20;

    /** One VM's four page-table arrays, all {@code pageCount} long. */
    record Tables(Page[] pages, byte[][] readable, byte[][] writable, WriteInterceptor[] interceptors) {
        long bytes() {
            return 16L * pages.length + 64;
        }
    }

    private final Map<Integer, ArrayDeque<Tables>> free = new HashMap<>();
    private long bytes;
    private long recycled;

    /** Keeps {@code tables} for reuse (their old entries stay until {@link #take} clears them), if there is room. */
    synchronized void give(Tables tables) {
        long size = tables.bytes();
        if (bytes + size > MAX_BYTES) {
            return;
        }
        free.computeIfAbsent(tables.pages().length, n -> new ArrayDeque<>()).push(tables);
        bytes += size;
    }

    /** Cleared tables of {@code pageCount} entries: recycled ones if any wait, else new ones. */
    Tables take(int pageCount) {
        Tables tables;
        synchronized (this) {
            ArrayDeque<Tables> waiting = free.get(pageCount);
            tables = waiting == null ? null : waiting.poll();
            if (tables != null) {
                bytes -= tables.bytes();
                recycled++;
            }
        }
        if (tables == null) {
            return new Tables(new Page[pageCount], new byte[pageCount][], new byte[pageCount][],
                new WriteInterceptor[pageCount]);
        }
        Arrays.fill(tables.pages(), null);
        Arrays.fill(tables.readable(), null);
        Arrays.fill(tables.writable(), null);
        Arrays.fill(tables.interceptors(), null);
        return tables;
    }

    /** Tables handed out again so far (tests). */
    synchronized long recycled() {
        return recycled;
    }
}
