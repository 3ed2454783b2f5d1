package org.denali.emulator.kernel.memory;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.memory.Page;
import org.denali.emulator.memory.PageProvider;
import org.denali.emulator.memory.PagedMemory;

/**
 * One VM's share of physical memory and its swap region; also the VM's {@link PageProvider}. Created by
 * {@link PhysicalMemory#createVm}. All state is guarded by the owning {@link PhysicalMemory}'s monitor.
 *
 * <p>While the VM is swapped in, the page tables below are authoritative: {@code resident} (private pages holding
 * budget, in allocation order, which is the eviction order within a VM) and {@code swapped} (page → slot and CRC).
 * While it is swapped out whole they are dropped and the same information lives in the region's on-disk
 * {@link SwapHeader}; what remains is this object's fixed set of fields.
 *
 * <p>Cost of a VM swapped out whole (paper Table 2: 8,472 bytes, 97% of it the per-VM kernel stack): this object
 * (~96 bytes: 8 references, 4 ints, 4 longs, 3 booleans), its {@link SwapRegion} (~32), the pin bitmap (~48) and
 * the {@link PhysicalMemory} map entry with its boxed key (~56), 239 bytes measured on the heap by
 * {@code SwapScaleTest}. The kernel's own per-VM record (registers, devices) comes on top; a swapped-out VM
 * needs no thread stack in the emulator because VMs run on a pool of worker threads.
 */
public final class VmMemory implements PageProvider {
    /** A page on disk: its data-slot index in the VM's region and the CRC it was written with. */
    private record SwapEntry(int slot, int crc) {
    }

    private final PhysicalMemory physical;
    private final int vmId;
    private final int memorySize;
    private final PageProvider origin;
    private final SwapRegion region;
    /** Pages never evicted one by one (the register page); tiny, so it survives swap-out. */
    private final BitSet pinned = new BitSet();

    private long lastRunNanos;
    private boolean running;
    /** Blocked in {@link PhysicalMemory#reserveFrame} for another VM's quantum to end (physical's monitor). */
    boolean waitingForFrame;
    private boolean swappedOut;
    private boolean released;
    private int swappedCount;
    private int headerChecksum;
    private long pageIns;
    private long pageOuts;
    private long demandFaults;

    // Dropped (null) while swapped out whole.
    private LinkedHashMap<Integer, Page> resident = new LinkedHashMap<>();
    private HashMap<Integer, SwapEntry> swapped = new HashMap<>();
    private BitSet usedSlots = new BitSet();
    private GuestMemory attached;

    VmMemory(PhysicalMemory physical, int vmId, int memorySize, PageProvider origin, SwapRegion region) {
        this.physical = physical;
        this.vmId = vmId;
        this.memorySize = memorySize;
        this.origin = origin;
        this.region = region;
    }

    public int vmId() {
        return vmId;
    }

    public int memorySize() {
        return memorySize;
    }

    /** When the VM's last quantum ended ({@link #markStopped}); 0 if it never ran. */
    public long lastRunNanos() {
        synchronized (physical) {
            return lastRunNanos;
        }
    }

    /** A fresh guest memory backed by this provider, attached so that eviction can unmap its pages. */
    public PagedMemory newGuestMemory() {
        PagedMemory memory = new PagedMemory(memorySize, this);
        attach(memory);
        return memory;
    }

    /** Attaches a guest memory the kernel built over this provider; eviction unmaps evicted pages from it. */
    public void attach(GuestMemory memory) {
        synchronized (physical) {
            requireSwappedIn();
            attached = memory;
        }
    }

    /** Keeps {@code pageNumber} resident while the VM is swapped in (e.g. the virtual-register page 0). */
    public void pin(int pageNumber) {
        synchronized (physical) {
            pinned.set(pageNumber);
        }
    }

    /** The VM starts a quantum: from now until {@link #markStopped} none of its pages is evicted. */
    public void markRunning() {
        synchronized (physical) {
            requireSwappedIn();
            running = true;
        }
    }

    /** The VM's quantum ended at {@code nowNanos}; its pages become eligible for eviction. */
    public void markStopped(long nowNanos) {
        synchronized (physical) {
            running = false;
            lastRunNanos = nowNanos;
            physical.notifyAll(); // its pages are evictable now: a VM waiting for a backing page may take one
        }
    }

    public boolean isSwappedOut() {
        synchronized (physical) {
            return swappedOut;
        }
    }

    /** Pages on disk: what a swap-in of this VM will need in backing pages. */
    public int swappedPages() {
        synchronized (physical) {
            return swappedCount;
        }
    }

    public VmMemoryStats stats() {
        synchronized (physical) {
            return new VmMemoryStats(swappedOut ? 0 : resident.size(), swappedCount, region.dataSlots(), pageIns,
                pageOuts, demandFaults, swappedOut);
        }
    }

    /** Which pages are resident and which swapped; for a VM swapped out whole this reads its swap header. */
    public ResidencyMap residency() {
        synchronized (physical) {
            if (swappedOut) {
                ByteBuffer header = readVerifiedHeader();
                List<Integer> onDisk = new ArrayList<>();
                for (int slot = 0; slot < region.dataSlots(); slot++) {
                    int pn = SwapHeader.pageNumber(header, slot);
                    if (pn >= 0) {
                        onDisk.add(pn);
                    }
                }
                return new ResidencyMap(new int[0], onDisk.stream().mapToInt(Integer::intValue).toArray());
            }
            return new ResidencyMap(resident.keySet().stream().mapToInt(Integer::intValue).toArray(),
                swapped.keySet().stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /**
     * Copies of every page on swap (some pages out, or the VM swapped out whole) by page number, read and
     * CRC-verified without paging them in: tables, slots and counters stay as they were (core files).
     *
     * @throws VmMemoryFault if a page or the header fails its checksum, or swap cannot be read
     */
    public java.util.SortedMap<Integer, byte[]> peekSwapped() {
        synchronized (physical) {
            java.util.SortedMap<Integer, byte[]> pages = new java.util.TreeMap<>();
            if (released) {
                return pages;
            }
            Map<Integer, SwapEntry> entries = swapped;
            if (swappedOut) {
                ByteBuffer header = readVerifiedHeader();
                entries = new HashMap<>();
                for (int slot = 0; slot < region.dataSlots(); slot++) {
                    int pn = SwapHeader.pageNumber(header, slot);
                    if (pn >= 0) {
                        entries.put(pn, new SwapEntry(slot, SwapHeader.crc(header, slot)));
                    }
                }
            }
            for (Map.Entry<Integer, SwapEntry> e : entries.entrySet()) {
                pages.put(e.getKey(), readSlot(e.getKey(), e.getValue()));
            }
            return pages;
        }
    }

    // ---- PageProvider: called by the VM's guest memory on first touch, after eviction, and for copy-on-write ----

    @Override
    public Page pageFor(int pageNumber) {
        synchronized (physical) {
            requireSwappedIn();
            demandFaults++;
            Page page = resident.get(pageNumber);
            if (page != null) {
                return page; // read ahead by swapIn, or re-touched after the kernel unmapped it
            }
            SwapEntry entry = swapped.get(pageNumber);
            if (entry != null) {
                physical.reserveFrame(this);
                try {
                    page = pageIn(pageNumber, entry);
                } catch (RuntimeException e) {
                    physical.returnFrames(1);
                    throw e;
                }
                resident.put(pageNumber, page);
                return page;
            }
            page = origin.pageFor(pageNumber);
            if (page == null || page.isShared()) {
                return page; // a fault, or an image page: costs no budget and is re-obtainable from the origin
            }
            physical.reserveFrame(this);
            resident.put(pageNumber, page);
            return page;
        }
    }

    /**
     * The origin decides whether the page may be written at all (a read-only image page answers null, a #PF); the
     * private copy it makes is then charged to the budget and becomes swappable.
     */
    @Override
    public Page copyOnWrite(int pageNumber, Page shared) {
        synchronized (physical) {
            requireSwappedIn();
            Page copy = origin.copyOnWrite(pageNumber, shared);
            if (copy == null || copy.isShared()) {
                return copy;
            }
            physical.reserveFrame(this);
            resident.put(pageNumber, copy);
            return copy;
        }
    }

    // ---- mechanism used by PhysicalMemory, always under its monitor ----

    boolean isRunning() {
        return running;
    }

    boolean isReleased() {
        return released;
    }

    SwapRegion region() {
        return region;
    }

    int residentCount() {
        return swappedOut ? 0 : resident.size();
    }

    /** True if single-page eviction could take a page from this VM now. */
    /** For tests: blocked waiting for a backing page. */
    boolean waitingForFrameForTest() {
        synchronized (physical) {
            return waitingForFrame;
        }
    }

    /** Would have an evictable page once it stops running (guarded by the physical memory's monitor). */
    boolean couldGivePages() {
        if (swappedOut || released || usedSlots.cardinality() >= region.dataSlots()) {
            return false;
        }
        for (Integer pn : resident.keySet()) {
            if (!pinned.get(pn)) {
                return true;
            }
        }
        return false;
    }

    boolean hasEvictablePage() {
        if (swappedOut || running || released || usedSlots.cardinality() >= region.dataSlots()) {
            return false;
        }
        for (Integer pn : resident.keySet()) {
            if (!pinned.get(pn)) {
                return true;
            }
        }
        return false;
    }

    /** Writes up to {@code wanted} unpinned pages, oldest first, to swap and unmaps them; returns how many. */
    int evict(int wanted) {
        int evicted = 0;
        Iterator<Map.Entry<Integer, Page>> it = resident.entrySet().iterator();
        while (evicted < wanted && it.hasNext()) {
            Map.Entry<Integer, Page> e = it.next();
            int pn = e.getKey();
            if (pinned.get(pn)) {
                continue;
            }
            int slot = usedSlots.nextClearBit(0);
            if (slot >= region.dataSlots()) {
                break;
            }
            pageOut(pn, e.getValue(), slot);
            it.remove();
            evicted++;
        }
        return evicted;
    }

    /** Whole-VM swap-out: every private page and the header go to disk, the page tables are dropped. */
    int swapOutWhole() {
        requireSwappedIn();
        if (running) {
            throw new IllegalStateException("VM " + vmId + " is running");
        }
        if (swappedCount + resident.size() > region.dataSlots()) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_FULL, -1, (swappedCount + resident.size())
                + " pages do not fit a swap region of " + region.dataSlots() + " pages", null);
        }
        int freed = resident.size();
        for (Map.Entry<Integer, Page> e : resident.entrySet()) {
            pageOut(e.getKey(), e.getValue(), usedSlots.nextClearBit(0));
        }
        ByteBuffer header = SwapHeader.allocate(region);
        for (Map.Entry<Integer, SwapEntry> e : swapped.entrySet()) {
            SwapHeader.put(header, e.getValue().slot(), e.getKey(), e.getValue().crc());
        }
        headerChecksum = SwapHeader.checksum(header);
        try {
            physical.swap().write(region.firstSlot(), header);
        } catch (UncheckedIOException e) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_IO, -1, "writing swap header", e);
        }
        resident = null;
        swapped = null;
        usedSlots = null;
        attached = null;
        swappedOut = true;
        return freed;
    }

    /** Whole-VM swap-in: restores the page tables from the verified header; pages come back on touch or read-ahead. */
    void swapInWhole() {
        if (!swappedOut) {
            throw new IllegalStateException("VM " + vmId + " is not swapped out");
        }
        ByteBuffer header = readVerifiedHeader();
        HashMap<Integer, SwapEntry> entries = new HashMap<>();
        BitSet slots = new BitSet();
        for (int slot = 0; slot < region.dataSlots(); slot++) {
            int pn = SwapHeader.pageNumber(header, slot);
            if (pn >= 0) {
                entries.put(pn, new SwapEntry(slot, SwapHeader.crc(header, slot)));
                slots.set(slot);
            }
        }
        if (entries.size() != swappedCount) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_CORRUPT, -1,
                "swap header lists " + entries.size() + " pages, expected " + swappedCount, null);
        }
        resident = new LinkedHashMap<>();
        swapped = entries;
        usedSlots = slots;
        swappedOut = false;
    }

    /** Reads back up to {@code budget} swapped pages (lowest slots first) without evicting; returns how many. */
    int readAhead(int budget) {
        int loaded = 0;
        for (Map.Entry<Integer, SwapEntry> e : new ArrayList<>(swapped.entrySet())) {
            if (loaded >= budget) {
                break;
            }
            Page page = pageIn(e.getKey(), e.getValue());
            resident.put(e.getKey(), page);
            loaded++;
        }
        return loaded;
    }

    /** Terminate: forget everything; returns the number of backing pages given back. */
    int releaseAll() {
        int freed = residentCount();
        released = true;
        resident = null;
        swapped = null;
        usedSlots = null;
        attached = null;
        return freed;
    }

    private void pageOut(int pn, Page page, int slot) {
        byte[] data = page.data();
        int crc = SwapHeader.pageCrc(data, pn);
        try {
            physical.swap().write(region.dataSlot(slot), ByteBuffer.wrap(data));
        } catch (UncheckedIOException e) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_IO, pn, "writing swap", e);
        }
        usedSlots.set(slot);
        swapped.put(pn, new SwapEntry(slot, crc));
        swappedCount++;
        pageOuts++;
        if (attached != null) {
            attached.unmap(pn);
        }
    }

    /** Reads and verifies one page; on success the slot is free again. */
    private Page pageIn(int pn, SwapEntry entry) {
        Page page = Page.zeroed();
        System.arraycopy(readSlot(pn, entry), 0, page.data(), 0, Page.SIZE);
        swapped.remove(pn);
        usedSlots.clear(entry.slot());
        swappedCount--;
        pageIns++;
        return page;
    }

    /** The page's bytes from its slot, verified against the CRC it was written with. */
    private byte[] readSlot(int pn, SwapEntry entry) {
        byte[] data = new byte[Page.SIZE];
        try {
            physical.swap().read(region.dataSlot(entry.slot()), ByteBuffer.wrap(data));
        } catch (UncheckedIOException e) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_IO, pn, "reading swap", e);
        }
        if (SwapHeader.pageCrc(data, pn) != entry.crc()) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_CORRUPT, pn,
                "CRC32C mismatch in swap slot " + region.dataSlot(entry.slot()), null);
        }
        return data;
    }

    private ByteBuffer readVerifiedHeader() {
        ByteBuffer header = SwapHeader.allocate(region);
        try {
            physical.swap().read(region.firstSlot(), header);
        } catch (UncheckedIOException e) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_IO, -1, "reading swap header", e);
        }
        if (SwapHeader.checksum(header) != headerChecksum) {
            throw new VmMemoryFault(vmId, VmMemoryFault.Reason.SWAP_CORRUPT, -1, "swap header CRC32C mismatch", null);
        }
        return header;
    }

    private void requireSwappedIn() {
        if (released) {
            throw new IllegalStateException("VM " + vmId + " memory was released");
        }
        if (swappedOut) {
            throw new IllegalStateException("VM " + vmId + " is swapped out");
        }
    }
}
