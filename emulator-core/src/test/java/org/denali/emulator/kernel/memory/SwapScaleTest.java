package org.denali.emulator.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.denali.emulator.memory.PagedMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scale numbers for docs and the paper comparison: residual bytes per swapped-out VM, swap throughput, threads. */
class SwapScaleTest {
    private static final int PAGE = 4096;

    @TempDir
    Path dir;

    /**
     * The swap manager's share of a swapped-out VM: what the {@link VmMemory} record, its region and bookkeeping
     * keep on the heap once the VM is swapped out whole. The whole kernel's cost per swapped-out VM (CPU, register
     * record, devices, this) is measured by {@code kernel.SwappedOutVmRecordTest}.
     */
    @Test
    void theSwapManagersShareOfASwappedOutVmIsSmall() throws Exception {
        int vms = 4000;
        try (SwapSpace swap = SwapSpace.create(dir.resolve("scale.swap"), (long) vms * 2 * PAGE)) {
            PhysicalMemory phys = new PhysicalMemory(64, swap, new LeastRecentlyRunPolicy());
            List<VmMemory> kept = new ArrayList<>(vms);
            long before = usedHeapAfterGc();
            for (int id = 0; id < vms; id++) {
                VmMemory vm = phys.createVm(id, 1 << 20, PAGE, null);
                PagedMemory mem = vm.newGuestMemory();
                vm.pin(0);
                vm.markRunning();
                mem.write32(0, id);
                vm.markStopped(id);
                phys.swapOut(vm);
                kept.add(vm);
            }
            long after = usedHeapAfterGc();
            long perVm = (after - before) / vms;
            System.out.printf("[measure] swap manager's record per swapped-out VM: %d bytes%n", perVm);
            assertEquals(0, phys.usedPages());
            assertTrue(perVm < 600, "a swapped-out VM must cost a small fixed record, measured " + perVm);
            // Still usable: bring one back.
            VmMemory last = kept.get(vms - 1);
            phys.swapIn(last);
            last.markRunning();
            assertEquals(vms - 1, last.newGuestMemory().read32(0));
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(20);
            used = Math.min(used, bean.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void wholeVmSwapThroughput() throws IOException {
        int pages = 4096; // 16 MiB, the default VM size
        try (SwapSpace swap = SwapSpace.create(dir.resolve("tp.swap"), (long) (pages + 16) * PAGE)) {
            PhysicalMemory phys = new PhysicalMemory(pages, swap, new LeastRecentlyRunPolicy());
            VmMemory vm = phys.createVm(1, pages * PAGE, (long) pages * PAGE, null);
            PagedMemory mem = vm.newGuestMemory();
            vm.markRunning();
            for (int pn = 0; pn < pages; pn++) {
                mem.write32(pn * PAGE, pn);
            }
            vm.markStopped(1);
            long t0 = System.nanoTime();
            phys.swapOut(vm);
            long t1 = System.nanoTime();
            phys.swapIn(vm);
            long t2 = System.nanoTime();
            System.out.printf("[measure] swap-out %d pages: %.0f MB/s, swap-in (verified): %.0f MB/s%n", pages,
                pages * 4096.0 / (t1 - t0) * 1e3, pages * 4096.0 / (t2 - t1) * 1e3);
            assertEquals(pages, vm.stats().pageOuts());
            assertEquals(pages, vm.stats().pageIns());
            mem = vm.newGuestMemory();
            vm.markRunning();
            for (int pn = 0; pn < pages; pn += 97) {
                assertEquals(pn, mem.read32(pn * PAGE));
            }
        }
    }

    /** VMs run on two worker threads while each one's page-ins evict pages of the VMs that are not running. */
    @Test
    void workerThreadsRunVmsWhileOthersAreEvicted() throws Exception {
        try (SwapSpace swap = SwapSpace.create(dir.resolve("mt.swap"), 8L << 20)) {
            PhysicalMemory phys = new PhysicalMemory(40, swap, new LeastRecentlyRunPolicy());
            int pagesEach = 16;
            List<VmMemory> vms = new ArrayList<>();
            List<PagedMemory> mems = new ArrayList<>();
            for (int id = 0; id < 4; id++) {
                VmMemory vm = phys.createVm(id, 64 * PAGE, 64L * PAGE, null);
                vms.add(vm);
                mems.add(vm.newGuestMemory());
            }
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < 2; w++) {
                    int worker = w;
                    done.add(workers.submit(() -> {
                        for (int round = 0; round < 30; round++) {
                            int id = worker * 2 + round % 2; // each worker owns two VMs
                            VmMemory vm = vms.get(id);
                            PagedMemory mem = mems.get(id);
                            vm.markRunning();
                            try {
                                for (int pn = 0; pn < pagesEach; pn++) {
                                    if (round >= 2) { // this VM last ran two rounds ago
                                        assertEquals(id * 1000 + pn + (round - 2) * 7, mem.read32(pn * PAGE + 1024),
                                            "VM " + id + " page " + pn);
                                    }
                                    mem.write32(pn * PAGE + 1024, id * 1000 + pn + round * 7);
                                }
                            } finally {
                                vm.markStopped(System.nanoTime());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                workers.shutdown();
            }
            assertTrue(phys.usedPages() <= 40);
            long pageOuts = vms.stream().mapToLong(v -> v.stats().pageOuts()).sum();
            assertTrue(pageOuts > 0, "the budget forced evictions");
        }
    }
}
