package org.denali.emulator.kernel.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.denali.emulator.assembly.KernelAssembly;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.Quantum;
import org.denali.emulator.kernel.VmConfig;

/**
 * The kernel at scale (paper §4.3): N VMs of {@link IdleLoopImage}, each idling with a timeout in a loop. For
 * each N it measures host heap per VM twice: after instantiation, when every VM waits for the gatekeeper and holds
 * only its fixed out-of-memory record (the cost of a swapped-out VM; heap growth / N), and at the end of the run
 * at the end of the run (that record plus the further growth divided by the number of VMs that ran: page tables
 * and register pages, of which idle VMs keep only as many as the kernel's idle-table budget allows); and the cost
 * of a VM switch (wall and CPU time per quantum while every VM wakes, runs three instructions and idles again, so
 * a quantum is almost pure kernel work). The run lasts until every VM has run at least once (or a cap). It stops
 * before an N whose projected heap would not fit, and reports how far it got.
 */
public final class ScaleBenchmark {
    /** Per-VM memory: the smallest size that holds the image at the link base plus a stack page. */
    public static final int VM_MEMORY = 2 << 20;

    /** Every VM writes its (empty) console here: one stream for all, not an object per VM in the heap figure. */
    private static final OutputStream NO_CONSOLE = OutputStream.nullOutputStream();

    /**
     * One row of results. {@code nanosPerSwitch} is wall time × workers / quanta; {@code cpuNanosPerSwitch} is
     * the JVM's CPU time (all threads: workers, garbage collector, compiler) / quanta, the figure a loaded shared
     * machine disturbs least; {@code vmsRan} VMs had at least one quantum.
     */
    public record Result(int vms, boolean completed, String note, long heapBytesPerVm, long heapBytesPerAdmittedVm,
            double instantiateMicrosPerVm, long quanta, double nanosPerSwitch, double runSeconds,
            double cpuNanosPerSwitch, int vmsRan) {

        /** Percentage of the VMs that ran at least once. */
        public double percentRan() {
            return vms == 0 ? 0 : 100.0 * vmsRan / vms;
        }
    }

    private static final int WARM_UP_VMS = 2_000;
    private static final long WARM_UP_NANOS = 2_000_000_000L;

    private final long runNanos;
    private final int idleMicros;
    private final int workers;
    private final long maxRunNanos;

    /**
     * @param runNanos how long the kernel runs the VMs for each N at least; the run goes on until every VM has
     *        run once, up to 40 times that (at least 5 minutes, and 3 ms per VM), so a loaded machine still
     *        reaches every VM
     * @param idleMicros each guest's idle timeout
     */
    public ScaleBenchmark(long runNanos, int idleMicros, int workers) {
        this.runNanos = runNanos;
        this.idleMicros = idleMicros;
        this.workers = workers;
        this.maxRunNanos = Math.max(runNanos * 40, 300_000_000_000L);
    }

    /** The cap on one row's run: see the constructor, and at least 3 ms per VM (a loaded machine, a million VMs). */
    private long maxRunNanos(int n) {
        return Math.max(maxRunNanos, n * 3_000_000L);
    }

    public void run(int[] counts, Consumer<Result> sink) {
        // Warm-up, not reported: the first row would otherwise carry the JIT's compilation of the kernel and CPU
        // paths (seconds of compiler-thread CPU time, which the CPU-time column counts).
        if (counts.length > 0) {
            new ScaleBenchmark(Math.min(WARM_UP_NANOS, runNanos), idleMicros, workers)
                .measure(Math.min(WARM_UP_VMS, Math.max(counts[0], 1)));
        }
        // What N VMs need: their fixed records (the first row's figure, with a margin) plus the kernel's budget for
        // idle VMs' page tables (an eighth of the heap); before the first row, a generous guess.
        long perVmEstimate = 4 * 1024;
        for (int n : counts) {
            Runtime rt = Runtime.getRuntime();
            long projected = perVmEstimate * (long) n + rt.maxMemory() / 8;
            if (projected > rt.maxMemory() * 8 / 10) {
                sink.accept(new Result(n, false, String.format("skipped: needs about %,d MB of heap, max is %,d MB",
                    projected >> 20, rt.maxMemory() >> 20), 0, 0, 0, 0, 0, 0, 0, 0));
                continue;
            }
            Result r = measure(n);
            perVmEstimate = Math.max(r.heapBytesPerVm() * 3 / 2, 1);
            sink.accept(r);
        }
    }

    private Result measure(int n) {
        GuestImage image = IdleLoopImage.image(idleMicros);
        KernelConfig config = KernelConfig.defaults().withWorkers(workers).withQuantum(Quantum.ofInstructions(10_000))
            .withInterruptHistory(0);
        // no LAN: the figure is the kernel's own record of a VM, without a NIC's queues and switch port
        try (KernelAssembly assembly = KernelAssembly.builder(config).memoryBudget(0).withoutLan().build()) {
            return measure(n, image, assembly);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // nothing of a LAN-less in-heap assembly touches files
        }
    }

    private Result measure(int n, GuestImage image, KernelAssembly assembly) {
        Kernel kernel = assembly.kernel();
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        VmConfig vm = VmConfig.defaults().withMemorySize(VM_MEMORY);
        try {
            for (int i = 0; i < n; i++) {
                assembly.instantiate(image, vm, NO_CONSOLE);
            }
        } catch (ElfFormatException e) {
            throw new IllegalStateException(e);
        }
        double instantiateMicros = (System.nanoTime() - start) / 1000.0 / n;
        long instantiated = usedHeapAfterGc();
        long heapPerVm = (instantiated - before) / n;

        long[] admittedHeap = {0};
        // Which VMs had a quantum (ids are 1..n): the observer runs under the kernel's lock after every quantum.
        BitSet ranIds = new BitSet(n + 1);
        AtomicInteger ran = new AtomicInteger();
        kernel.observe((id, reason, instructions, lines, now) -> {
            if (!ranIds.get(id)) {
                ranIds.set(id);
                ran.incrementAndGet();
            }
        });
        Thread stopper = new Thread(() -> {
            long began = System.nanoTime();
            try {
                // The window, extended until every VM has run once (the first quanta, which rebuild page tables,
                // are the expensive ones), but never beyond the cap.
                while (System.nanoTime() - began < runNanos
                        || ran.get() < n && System.nanoTime() - began < maxRunNanos(n)) {
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                return;
            }
            admittedHeap[0] = usedHeapAfterGc();
            kernel.shutdown();
        });
        stopper.setDaemon(true);
        long cpuBefore = processCpuNanos();
        stopper.start();
        KernelStatistics stats = assembly.run();
        long cpu = processCpuNanos() - cpuBefore;
        try {
            stopper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long heapPerAdmittedVm = heapPerVm + (admittedHeap[0] - instantiated) / Math.max(ran.get(), 1);
        double perSwitch = stats.quanta() == 0 ? 0 : (double) stats.elapsedNanos() * workers / stats.quanta();
        double cpuPerSwitch = stats.quanta() == 0 || cpu < 0 ? 0 : (double) cpu / stats.quanta();
        String note = String.format("%,d quanta, %,d idle wakes, %,d of %,d VMs ran, %,d idle page tables dropped",
            stats.quanta(), stats.idleWakesByTimeout() + stats.idleWakesByInterrupt(), ran.get(), n,
            kernel.idleTableDrops());
        return new Result(n, true, note, heapPerVm, heapPerAdmittedVm, instantiateMicros, stats.quanta(), perSwitch,
            stats.elapsedNanos() / 1e9, cpuPerSwitch, ran.get());
    }

    /** CPU time of the whole JVM so far, or -1 where the platform does not report it. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
