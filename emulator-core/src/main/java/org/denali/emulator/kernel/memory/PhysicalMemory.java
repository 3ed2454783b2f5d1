package org.denali.emulator.kernel.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.memory.PageProvider;

/**
 * The kernel's pool of physical backing pages: a fixed budget shared by all VMs, demand allocation through each
 * VM's {@link VmMemory}, eviction of non-running VMs' pages to their swap regions, whole-VM swap-out/in. Every
 * public method synchronizes on this object (see the package documentation for the locking rules).
 */
public final class PhysicalMemory {
    private final int budgetPages;
    private final SwapSpace swap;
    private final EvictionPolicy policy;
    private final Map<Integer, VmMemory> vms = new LinkedHashMap<>();
    private int usedPages;

    public PhysicalMemory(int budgetPages, SwapSpace swap, EvictionPolicy policy) {
        if (budgetPages <= 0) {
            throw new IllegalArgumentException("budget must be positive: " + budgetPages);
        }
        this.budgetPages = budgetPages;
        this.swap = swap;
        this.policy = policy;
    }

    /**
     * Creates a VM's memory and reserves its static swap region.
     *
     * @param memorySize the VM's accessible range in bytes (page multiple)
     * @param swapBytes swap region size, rounded up to whole pages; 0 means the VM can never be paged out
     * @param origin contents on first touch (the image's pages), or null for zero-filled memory
     * @throws IllegalStateException if the swap file has no extent large enough (the kernel refuses the VM)
     */
    public synchronized VmMemory createVm(int vmId, int memorySize, long swapBytes, PageProvider origin) {
        if (vms.containsKey(vmId)) {
            throw new IllegalArgumentException("VM " + vmId + " already has memory");
        }
        if (swapBytes < 0 || swapBytes > (long) Integer.MAX_VALUE * MemoryMap.PAGE_SIZE) {
            throw new IllegalArgumentException("bad swap size " + swapBytes);
        }
        int dataSlots = (int) ((swapBytes + MemoryMap.PAGE_SIZE - 1) / MemoryMap.PAGE_SIZE);
        SwapRegion region = swap.allocate(dataSlots);
        if (region == null) {
            throw new IllegalStateException("swap space exhausted: no free extent of " + dataSlots + " pages for VM "
                + vmId);
        }
        VmMemory vm = new VmMemory(this, vmId, memorySize, origin == null ? PageProvider.ZERO_FILL : origin, region);
        vms.put(vmId, vm);
        return vm;
    }

    public int budgetPages() {
        return budgetPages;
    }

    public synchronized int usedPages() {
        return usedPages;
    }

    /** Backing pages not held by any VM: the gatekeeper's admission test. */
    public synchronized int freePages() {
        return budgetPages - usedPages;
    }

    /** The VMs that currently have memory, in creation order (for the debugger). */
    public synchronized List<VmMemory> vms() {
        return new ArrayList<>(vms.values());
    }

    /**
     * Evicts pages of non-running VMs until {@code pages} backing pages are free, or nothing more can be evicted.
     *
     * @return true if at least {@code pages} pages are free now
     */
    public synchronized boolean makeRoom(int pages) {
        evictUntilFree(pages, null);
        return freePages() >= pages;
    }

    /** Moves a non-running VM out of memory whole; afterwards it costs only its fixed record. */
    public synchronized void swapOut(VmMemory vm) {
        checkOwned(vm);
        usedPages -= vm.swapOutWhole();
    }

    /**
     * Brings a swapped-out VM back: verifies its swap header and reads back as many of its pages as fit in the
     * free backing pages (call {@link #makeRoom} with {@link VmMemory#swappedPages()} first to read back all);
     * the rest are paged in on touch. Afterwards create a new guest memory with {@link VmMemory#newGuestMemory()}.
     *
     * @throws VmMemoryFault if the header or a read-back page is corrupt: the VM must be ended
     */
    public synchronized void swapIn(VmMemory vm) {
        checkOwned(vm);
        vm.swapInWhole();
        int budget = Math.min(freePages(), vm.swappedPages());
        usedPages += budget;
        int loaded = 0;
        try {
            loaded = vm.readAhead(budget);
        } finally {
            usedPages -= budget - loaded;
        }
    }

    /** The VM terminated: its backing pages and its swap region are free for others. */
    public synchronized void release(VmMemory vm) {
        checkOwned(vm);
        usedPages -= vm.releaseAll();
        swap.release(vm.region());
        vms.remove(vm.vmId());
        notifyAll(); // a VM waiting for a backing page may take one now
    }

    // ---- used by VmMemory under this monitor ----

    SwapSpace swap() {
        return swap;
    }

    /**
     * Takes one backing page for {@code requester}, evicting other VMs' pages if the budget is exhausted. If every
     * page is held by VMs that are running now (their pages cannot be evicted mid-quantum), the requester waits for
     * one of them to end its quantum rather than fail: a VM that happens to run beside a memory hog must not die
     * of it. It fails only if no running VM could give a page (every other one waits too) or after
     * {@link #MAX_FRAME_WAIT_NANOS}.
     */
    void reserveFrame(VmMemory requester) {
        long deadline = 0;
        while (usedPages >= budgetPages) {
            evictUntilFree(1, requester);
            if (usedPages < budgetPages) {
                break;
            }
            long now = System.nanoTime();
            deadline = deadline == 0 ? now + MAX_FRAME_WAIT_NANOS : deadline;
            if (!someRunningVmWillYield(requester) || now >= deadline) {
                throw new VmMemoryFault(requester.vmId(), VmMemoryFault.Reason.OUT_OF_BACKING_PAGES, -1,
                    "all " + budgetPages + " backing pages are held and no other VM has a page to give", null);
            }
            requester.waitingForFrame = true;
            try {
                wait(Math.max(1, Math.min(10, (deadline - now) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                deadline = now; // fail on the next round
            } finally {
                requester.waitingForFrame = false;
            }
        }
        usedPages++;
    }

    /** Longest a VM waits for another VM's quantum to end to get a backing page (a quantum is far shorter). */
    static final long MAX_FRAME_WAIT_NANOS = 1_000_000_000L;

    /** Another VM is running (not itself waiting) with pages it will make evictable when its quantum ends. */
    private boolean someRunningVmWillYield(VmMemory requester) {
        for (VmMemory vm : vms.values()) {
            if (vm != requester && vm.isRunning() && !vm.waitingForFrame && vm.couldGivePages()) {
                return true;
            }
        }
        return false;
    }

    void returnFrames(int count) {
        usedPages -= count;
    }

    /** Never evicts from {@code exclude}: its guest memory may be in the middle of installing a page. */
    private void evictUntilFree(int wanted, VmMemory exclude) {
        while (budgetPages - usedPages < wanted) {
            List<VmMemory> candidates = new ArrayList<>();
            for (VmMemory vm : vms.values()) {
                if (vm != exclude && vm.hasEvictablePage()) {
                    candidates.add(vm);
                }
            }
            if (candidates.isEmpty()) {
                return;
            }
            VmMemory victim = policy.chooseVictim(candidates);
            if (!candidates.contains(victim)) {
                throw new IllegalStateException("eviction policy chose a VM that is not a candidate");
            }
            int evicted = victim.evict(wanted - (budgetPages - usedPages));
            usedPages -= evicted;
        }
    }

    private void checkOwned(VmMemory vm) {
        if (vms.get(vm.vmId()) != vm) {
            throw new IllegalArgumentException("VM " + vm.vmId() + " is not managed here");
        }
    }
}
