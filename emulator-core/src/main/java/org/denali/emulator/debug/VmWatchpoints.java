package org.denali.emulator.debug;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.memory.AccessWatcher;
import org.denali.emulator.memory.PagedMemory;

/**
 * One VM's data watchpoints: keeps the watched pages of its memory in step with the list and, as the memory's
 * {@link AccessWatcher}, decides whether an access triggers one. The debugger's own memory accesses are muted so
 * that reading a watched variable in gdb does not trigger a read watchpoint.
 */
final class VmWatchpoints implements AccessWatcher {
    private final List<Watchpoint> watchpoints = new ArrayList<>();
    private boolean muted;
    private Watchpoint lastHit;
    private int lastHitAddress;

    @Override
    public boolean accessed(int address, int size, boolean write) {
        if (muted) {
            return false;
        }
        for (Watchpoint w : watchpoints) {
            if (w.kind().triggeredBy(write) && w.overlaps(address, size)) {
                lastHit = w;
                lastHitAddress = address;
                return true;
            }
        }
        return false;
    }

    void add(Watchpoint w, PagedMemory memory) {
        if (!watchpoints.contains(w)) {
            watchpoints.add(w);
        }
        memory.setAccessWatcher(this);
        pagesOf(w).forEach(pn -> memory.watchPage(pn, true));
    }

    boolean remove(Watchpoint w, PagedMemory memory) {
        boolean had = watchpoints.remove(w);
        for (int pn : pagesOf(w)) {
            boolean stillWatched = watchpoints.stream().anyMatch(o -> pagesOf(o).contains(pn));
            memory.watchPage(pn, stillWatched);
        }
        return had;
    }

    void clear(PagedMemory memory) {
        for (Watchpoint w : List.copyOf(watchpoints)) {
            remove(w, memory);
        }
    }

    List<Watchpoint> list() {
        return List.copyOf(watchpoints);
    }

    /** The watchpoint that triggered last and the accessed address; cleared by the call. */
    Watchpoint takeHit() {
        Watchpoint hit = lastHit;
        lastHit = null;
        return hit;
    }

    int lastHitAddress() {
        return lastHitAddress;
    }

    /** Runs a debugger access without triggering watchpoints. */
    <T> T muted(java.util.function.Supplier<T> access) {
        boolean was = muted;
        muted = true;
        try {
            return access.get();
        } finally {
            muted = was;
        }
    }

    private static List<Integer> pagesOf(Watchpoint w) {
        List<Integer> pages = new ArrayList<>();
        long first = Integer.toUnsignedLong(w.address()) >>> MemoryMap.PAGE_SHIFT;
        long last = (Integer.toUnsignedLong(w.address()) + w.length() - 1) >>> MemoryMap.PAGE_SHIFT;
        for (long pn = first; pn <= last; pn++) {
            pages.add((int) pn);
        }
        return pages;
    }
}
