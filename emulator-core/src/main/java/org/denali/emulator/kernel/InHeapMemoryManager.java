package org.denali.emulator.kernel;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.kernel.memory.VmMemoryFault;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.memory.Page;

/**
 * The default memory manager: a budget of backing pages accounted for, with "swap" kept on the Java heap. An
 * evicted VM's private pages are unmapped from its memory and counted as swapped out; the next touch pages them
 * back in. This is enough for the gatekeeper's policy to be observable and tested without a swap file; the
 * real swap implementation (kernel.memory) replaces it through {@link MemoryManager}.
 */
public final class InHeapMemoryManager implements MemoryManager {
    /** What one private page costs on the heap: its 4 KB array plus object and map overhead. */
    static final long HEAP_BYTES_PER_PAGE = MemoryMap.PAGE_SIZE + 128;

    private final long totalPages;
    private final AtomicLong usedPages = new AtomicLong();
    /**
     * Private pages the heap can hold for all VMs together (resident or "swapped", both live on the heap): a VM
     * that needs one more gets a memory fault of its own instead of the kernel an OutOfMemoryError.
     */
    private final long heapPages;
    private final String heapLimitReason;
    private final AtomicLong heapUsedPages = new AtomicLong();
    /** VMs whose backing exists (attached, not yet released): the divisor of the fair share. */
    private final AtomicInteger liveBackings = new AtomicInteger();
    /** The last image's origin, shared by every VM of that image (a kernel of a million VMs mostly has one). */
    private ImageOrigin lastOrigin;

    public InHeapMemoryManager(long totalPages) {
        this(totalPages, Long.MAX_VALUE, null);
    }

    private InHeapMemoryManager(long totalPages, long heapPages, String heapLimitReason) {
        if (totalPages <= 0 || heapPages <= 0) {
            throw new IllegalArgumentException("backing pages must be positive: " + totalPages + ", " + heapPages);
        }
        this.totalPages = totalPages;
        this.heapPages = heapPages;
        this.heapLimitReason = heapLimitReason;
    }

    /**
     * No gatekeeper budget, but guest pages limited to what this JVM's heap can back: its maximum heap minus a
     * headroom for the kernel itself (a quarter of the heap, at least 64 MB). What {@code denali run} uses when
     * {@code --phys-memory} is not given.
     */
    public static InHeapMemoryManager boundedByHeap() {
        long max = Runtime.getRuntime().maxMemory();
        long headroom = Math.max(64L << 20, max / 4);
        return withHeapBudget(Math.max(1, (max - headroom) / HEAP_BYTES_PER_PAGE),
            "the JVM heap (" + (max >> 20) + " MB, less " + (headroom >> 20) + " MB for the kernel) is full");
    }

    /** No gatekeeper budget; at most {@code pages} private guest pages on the heap ({@code reason} for the fault). */
    public static InHeapMemoryManager withHeapBudget(long pages, String reason) {
        return new InHeapMemoryManager(Long.MAX_VALUE / 4, pages, reason);
    }

    /** Private guest pages all VMs hold on the heap now. */
    public long heapUsedPages() {
        return heapUsedPages.get();
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
        liveBackings.incrementAndGet();
        return new Backing(vmId, image, originOf(image));
    }

    private synchronized ImageOrigin originOf(GuestImage image) {
        ImageOrigin origin = lastOrigin;
        if (origin == null || origin.image() != image) {
            origin = new ImageOrigin(image);
            lastOrigin = origin;
        }
        return origin;
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
        private final int vmId;
        private final GuestImage image;
        private final ImageOrigin origin;
        // Both created by the VM's first private page: an idle VM that only runs image code has none, and a
        // kernel of a million such VMs would pay ~100 bytes each for empty collections.
        /** Every private page the VM owns, resident or swapped out; null while it owns none. */
        private Map<Integer, Page> owned;
        /** Which owned pages are resident; null while it owns none. */
        private BitSet resident;
        private long pageIns;
        private long pageOuts;
        private boolean everEvicted;
        private boolean released;

        Backing(int vmId, GuestImage image, ImageOrigin origin) {
            this.vmId = vmId;
            this.image = image;
            this.origin = origin;
        }

        private void own(int pageNumber, Page page) {
            if (owned == null) {
                owned = new HashMap<>();
                resident = new BitSet();
            }
            owned.put(pageNumber, page);
        }

        private int ownedCount() {
            return owned == null ? 0 : owned.size();
        }

        @Override
        public Page pageFor(int pageNumber) {
            Page page = owned == null ? null : owned.get(pageNumber);
            if (page != null) {
                if (!resident.get(pageNumber)) { // swapped out: page it back in
                    makeResident(pageNumber);
                    pageIns++;
                }
                return page;
            }
            if (!origin.isImagePage(pageNumber)) {
                chargeHeapPage(pageNumber);
            }
            try {
                page = origin.pageFor(pageNumber);
            } catch (OutOfMemoryError heapFull) {
                throw heapFault(pageNumber, heapFull);
            }
            if (page.isShared()) {
                return page; // an image page is charged to nobody: one copy for all VMs
            }
            own(pageNumber, page);
            makeResident(pageNumber);
            return page;
        }

        @Override
        public Page copyOnWrite(int pageNumber, Page shared) {
            chargeHeapPage(pageNumber);
            Page copy;
            try {
                copy = origin.copyOnWrite(pageNumber, shared);
            } catch (OutOfMemoryError heapFull) {
                heapUsedPages.decrementAndGet();
                throw heapFault(pageNumber, heapFull);
            }
            if (copy == null) {
                heapUsedPages.decrementAndGet();
                return null; // a read-only or code segment: the write is a #PF
            }
            own(pageNumber, copy);
            makeResident(pageNumber);
            return copy;
        }

        /**
         * Counts one more private page against the heap budget, or faults this VM (never the kernel). Once the
         * budget is spent, a VM within its fair share (the budget over the live VMs, at least a sixteenth of it) still gets its page
         * from the reserve above the budget (a quarter of it more), so a well-behaved VM beside memory hogs keeps
         * running while the hogs, over their share, fault at their next page.
         */
        private void chargeHeapPage(int pageNumber) {
            long used = heapUsedPages.incrementAndGet();
            if (used <= heapPages) {
                return;
            }
            // the fair share, but never below a sixteenth of the budget: thousands of tiny VMs must not make every
            // modest VM count as a hog
            long fairShare = Math.max(heapPages / Math.max(1, liveBackings.get()), heapPages / 16);
            boolean withinShare = ownedCount() < fairShare;
            if (!withinShare || used > heapPages + heapPages / 4) {
                heapUsedPages.decrementAndGet();
                throw heapFault(pageNumber, null);
            }
        }

        private VmMemoryFault heapFault(int pageNumber, Throwable cause) {
            return new VmMemoryFault(vmId, VmMemoryFault.Reason.OUT_OF_BACKING_PAGES, pageNumber,
                heapLimitReason != null ? heapLimitReason : "the JVM heap is full", cause);
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
            if (resident == null) {
                return;
            }
            for (int pn = resident.nextSetBit(0); pn >= 0; pn = resident.nextSetBit(pn + 1)) {
                memory.unmap(pn);
                pageOuts++;
            }
            usedPages.addAndGet(-resident.cardinality());
            resident.clear();
        }

        @Override
        public void release() {
            if (!released) {
                released = true;
                liveBackings.decrementAndGet();
            }
            if (owned == null) {
                return;
            }
            usedPages.addAndGet(-resident.cardinality());
            heapUsedPages.addAndGet(-owned.size());
            resident.clear();
            owned.clear();
        }

        @Override
        public void discardPrivate() {
            if (owned == null) {
                return;
            }
            usedPages.addAndGet(-resident.cardinality());
            heapUsedPages.addAndGet(-owned.size());
            resident.clear();
            owned.clear();
        }

        /** everEvicted, pageIns, pageOuts, count, then per page (ascending): number, resident, 4096 bytes. */
        @Override
        public void save(java.io.DataOutput out) throws java.io.IOException {
            out.writeBoolean(everEvicted);
            out.writeLong(pageIns);
            out.writeLong(pageOuts);
            if (owned == null) {
                out.writeInt(0);
                return;
            }
            java.util.List<Integer> numbers = new java.util.ArrayList<>(owned.keySet());
            java.util.Collections.sort(numbers);
            out.writeInt(numbers.size());
            for (int pn : numbers) {
                out.writeInt(pn);
                out.writeBoolean(resident.get(pn));
                out.write(owned.get(pn).data());
            }
        }

        @Override
        public void restore(java.io.DataInput in) throws java.io.IOException {
            if (owned != null && !owned.isEmpty()) {
                throw new CheckpointException("VM " + vmId + " already has private pages: restore only into a VM "
                    + "that never ran");
            }
            everEvicted = in.readBoolean();
            pageIns = in.readLong();
            pageOuts = in.readLong();
            int count = in.readInt();
            if (count < 0 || count > (1 << 20)) {
                throw new CheckpointException("VM " + vmId + ": bad page count " + count);
            }
            for (int i = 0; i < count; i++) {
                int pn = in.readInt();
                boolean isResident = in.readBoolean();
                if (pn <= 0 || pn >= (1 << 20)) {
                    throw new CheckpointException("VM " + vmId + ": bad page number " + pn);
                }
                chargeHeapPage(pn);
                Page page = Page.zeroed();
                in.readFully(page.data());
                own(pn, page);
                if (isResident) {
                    makeResident(pn);
                }
            }
        }

        @Override
        public long footprintPages() {
            // A fresh VM will at least write its data pages, one stack page and one heap page.
            return everEvicted ? ownedCount() : image.writablePageCount() + 2;
        }

        @Override
        public long residentPages() {
            return resident == null ? 0 : resident.cardinality();
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
