package org.denali.emulator.kernel;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.memory.Page;

/**
 * The default memory manager: a budget of backing pages accounted for, with "swap" kept on the Java heap. An
 * evicted VM's private pages are unmapped from its memory and counted as swapped out; the next touch pages them
 * back in. This is enough for the gatekeeper's policy to be observable and tested without a swap file; the
 * real swap implementation (kernel.memory) replaces it through {@link MemoryManager}.
 */
public final class InHeapMemoryManager implements MemoryManager {
    private final long totalPages;
    private final AtomicLong usedPages = new AtomicLong();

    public InHeapMemoryManager(long totalPages) {
        if (totalPages <= 0) {
            throw new IllegalArgumentException("backing pages must be positive: " + totalPages);
        }
        this.totalPages = totalPages;
    }

    /** A budget of {@code bytes} of physical memory. */
    public static InHeapMemoryManager ofBytes(long bytes) {
        return new InHeapMemoryManager(bytes / MemoryMap.PAGE_SIZE);
    }

    /** A budget no workload reaches: the gatekeeper then admits every VM. */
    public static InHeapMemoryManager unlimited() {
        return new InHeapMemoryManager(Long.MAX_VALUE / 4);
    }

    @Override
    public VmBacking attach(int vmId, VmConfig config, GuestImage image) {
        return new Backing(image);
    }

    @Override
    public long freeBackingPages() {
        return totalPages - usedPages.get();
    }

    @Override
    public long totalBackingPages() {
        return totalPages;
    }

    private final class Backing implements VmBacking {
        private final GuestImage image;
        private final ImageOrigin origin;
        /** Every private page the VM owns, resident or swapped out. */
        private final Map<Integer, Page> owned = new HashMap<>();
        private final BitSet resident = new BitSet();
        private long pageIns;
        private long pageOuts;
        private boolean everEvicted;

        Backing(GuestImage image) {
            this.image = image;
            this.origin = new ImageOrigin(image);
        }

        @Override
        public Page pageFor(int pageNumber) {
            Page page = owned.get(pageNumber);
            if (page != null) {
                if (!resident.get(pageNumber)) { // swapped out: page it back in
                    makeResident(pageNumber);
                    pageIns++;
                }
                return page;
            }
            page = origin.pageFor(pageNumber);
            if (page.isShared()) {
                return page; // an image page is charged to nobody: one copy for all VMs
            }
            owned.put(pageNumber, page);
            makeResident(pageNumber);
            return page;
        }

        @Override
        public Page copyOnWrite(int pageNumber, Page shared) {
            Page copy = origin.copyOnWrite(pageNumber, shared);
            if (copy == null) {
                return null; // a read-only or code segment: the write is a #PF
            }
            owned.put(pageNumber, copy);
            makeResident(pageNumber);
            return copy;
        }

        private void makeResident(int pageNumber) {
            if (!resident.get(pageNumber)) {
                resident.set(pageNumber);
                usedPages.incrementAndGet();
            }
        }

        @Override
        public void admit(GuestMemory memory) {
            // Nothing eager: swapped pages come back one by one through pageFor (demand paging).
        }

        @Override
        public void evict(GuestMemory memory) {
            everEvicted = true;
            for (int pn = resident.nextSetBit(0); pn >= 0; pn = resident.nextSetBit(pn + 1)) {
                memory.unmap(pn);
                pageOuts++;
            }
            usedPages.addAndGet(-resident.cardinality());
            resident.clear();
        }

        @Override
        public void release() {
            usedPages.addAndGet(-resident.cardinality());
            resident.clear();
            owned.clear();
        }

        @Override
        public long footprintPages() {
            // A fresh VM will at least write its data pages, one stack page and one heap page.
            return everEvicted ? owned.size() : image.writablePageCount() + 2;
        }

        @Override
        public long residentPages() {
            return resident.cardinality();
        }

        @Override
        public long pageIns() {
            return pageIns;
        }

        @Override
        public long pageOuts() {
            return pageOuts;
        }
    }
}
