package org.denali.emulator.kernel;

import org.denali.emulator.kernel.memory.PhysicalMemory;
import org.denali.emulator.kernel.memory.ResidencyMap;
import org.denali.emulator.kernel.memory.VmMemory;
import org.denali.emulator.memory.GuestMemory;
import org.denali.emulator.memory.Page;

/**
 * The kernel's {@link MemoryManager} over {@code kernel.memory}: a real backing-page budget with demand paging
 * and per-VM static swap regions in a swap file (CRC-checked). The gatekeeper's eviction becomes a whole-VM
 * swap-out; admission swaps the VM back in, reading ahead as many of its pages as fit. Every VM needs a swap
 * region ({@link VmConfig#swapBytes()} &gt; 0) large enough for the pages it dirties.
 */
public final class SwapMemoryManager implements MemoryManager {
    private final PhysicalMemory physical;

    public SwapMemoryManager(PhysicalMemory physical) {
        this.physical = physical;
    }

    @Override
    public VmBacking attach(int vmId, VmConfig config, GuestImage image) {
        if (config.swapBytes() <= 0) {
            throw new IllegalArgumentException("VM " + vmId + " needs a swap region (swap size > 0) to run with a "
                + "swap file");
        }
        VmMemory memory = physical.createVm(vmId, config.memorySize(), config.swapBytes(), new ImageOrigin(image));
        return new Backing(memory, image);
    }

    @Override
    public long freeBackingPages() {
        return physical.freePages();
    }

    @Override
    public long totalBackingPages() {
        return physical.budgetPages();
    }

    private final class Backing implements VmBacking {
        private final VmMemory memory;
        private final GuestImage image;

        Backing(VmMemory memory, GuestImage image) {
            this.memory = memory;
            this.image = image;
        }

        @Override
        public Page pageFor(int pageNumber) {
            return memory.pageFor(pageNumber);
        }

        @Override
        public Page copyOnWrite(int pageNumber, Page shared) {
            return memory.copyOnWrite(pageNumber, shared);
        }

        @Override
        public void attached(GuestMemory guestMemory) {
            memory.attach(guestMemory);
        }

        @Override
        public void admit(GuestMemory guestMemory) {
            if (memory.isSwappedOut()) {
                physical.makeRoom(memory.swappedPages());
                physical.swapIn(memory);
                memory.attach(guestMemory); // the same PagedMemory: swap-out unmapped every private page from it
            }
        }

        @Override
        public void evict(GuestMemory guestMemory) {
            physical.swapOut(memory);
        }

        @Override
        public void quantumStarting() {
            memory.markRunning();
        }

        @Override
        public void quantumEnded(long nowNanos) {
            memory.markStopped(nowNanos);
        }

        @Override
        public void release() {
            physical.release(memory);
        }

        @Override
        public long footprintPages() {
            return memory.isSwappedOut() ? memory.swappedPages() : image.writablePageCount() + 2L;
        }

        @Override
        public long residentPages() {
            return memory.stats().residentPages();
        }

        @Override
        public long pageIns() {
            return memory.stats().pageIns();
        }

        @Override
        public long pageOuts() {
            return memory.stats().pageOuts();
        }

        @Override
        public java.util.SortedMap<Integer, byte[]> peekSwapped() {
            return memory.peekSwapped();
        }

        @Override
        public ResidencyMap residency() {
            return memory.residency();
        }

        @Override
        public long demandFaults() {
            return memory.stats().demandFaults();
        }
    }
}
