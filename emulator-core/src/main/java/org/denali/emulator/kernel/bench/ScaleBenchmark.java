package org.denali.emulator.kernel.bench;

import java.io.OutputStream;
import java.util.function.Consumer;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.KernelStatistics;
import org.denali.emulator.kernel.Quantum;
import org.denali.emulator.kernel.VmConfig;

/**
 * The kernel at scale (paper §4.3): N VMs of {@link IdleLoopImage}, each idling with a timeout in a loop. For
 * each N it measures host heap per VM twice: after instantiation, when every VM waits for the gatekeeper and holds
 * only its fixed out-of-memory record (the cost of a swapped-out VM; heap growth / N), and at the end of the run
 * for a VM that has run, with its page table and register page rebuilt (that record plus the further growth
 * divided by the number of VMs that ran); and the cost of a VM switch (wall time
 * per quantum while every VM wakes, runs three instructions and idles again, so a quantum is almost pure kernel
 * work). It stops before an N whose projected heap would not fit, and reports how far it got.
 */
public final class ScaleBenchmark {
    /** Per-VM memory: the smallest size that holds the image at the link base plus a stack page. */
    public static final int VM_MEMORY = 2 << 20;

    /** One row of results. */
    public record Result(int vms, boolean completed, String note, long heapBytesPerVm, long heapBytesPerAdmittedVm,
            double instantiateMicrosPerVm, long quanta, double nanosPerSwitch, double runSeconds) {
    }

    private final long runNanos;
    private final int idleMicros;
    private final int workers;

    /**
     * @param runNanos how long the kernel runs the VMs for each N
     * @param idleMicros each guest's idle timeout
     */
    public ScaleBenchmark(long runNanos, int idleMicros, int workers) {
        this.runNanos = runNanos;
        this.idleMicros = idleMicros;
        this.workers = workers;
    }

    public void run(int[] counts, Consumer<Result> sink) {
        long perVmEstimate = 64 * 1024;
        for (int n : counts) {
            Runtime rt = Runtime.getRuntime();
            long projected = perVmEstimate * (long) n;
            if (projected > rt.maxMemory() * 8 / 10) {
                sink.accept(new Result(n, false, String.format("skipped: needs about %,d MB of heap, max is %,d MB",
                    projected >> 20, rt.maxMemory() >> 20), 0, 0, 0, 0, 0, 0));
                continue;
            }
            Result r = measure(n);
            perVmEstimate = Math.max(Math.max(r.heapBytesPerVm(), r.heapBytesPerAdmittedVm()) * 3 / 2, 1);
            sink.accept(r);
        }
    }

    private Result measure(int n) {
        GuestImage image = IdleLoopImage.image(idleMicros);
        KernelConfig config = KernelConfig.defaults().withWorkers(workers).withQuantum(Quantum.ofInstructions(10_000))
            .withInterruptHistory(0);
        Kernel kernel = new Kernel(config, InHeapMemoryManager.unlimited());
        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        VmConfig vm = VmConfig.defaults().withMemorySize(VM_MEMORY);
        try {
            for (int i = 0; i < n; i++) {
                kernel.instantiate(image, vm, OutputStream.nullOutputStream());
            }
        } catch (ElfFormatException e) {
            throw new IllegalStateException(e);
        }
        double instantiateMicros = (System.nanoTime() - start) / 1000.0 / n;
        long instantiated = usedHeapAfterGc();
        long heapPerVm = (instantiated - before) / n;

        long[] admittedHeap = {0};
        int[] ran = {0};
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(runNanos / 1_000_000);
            } catch (InterruptedException e) {
                return;
            }
            admittedHeap[0] = usedHeapAfterGc();
            // Every VM is admitted (an unlimited budget), but only those that have run rebuilt their page table:
            // in a saturated kernel woken VMs are compensated by running first, so some may never have run.
            ran[0] = (int) kernel.vms().stream().filter(v -> v.memory() != null && !v.memory().tablesDropped())
                .count();
            kernel.shutdown();
        });
        stopper.setDaemon(true);
        stopper.start();
        KernelStatistics stats = kernel.run();
        try {
            stopper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long heapPerAdmittedVm = heapPerVm + (admittedHeap[0] - instantiated) / Math.max(ran[0], 1);
        double perSwitch = stats.quanta() == 0 ? 0 : (double) stats.elapsedNanos() * workers / stats.quanta();
        String note = String.format("%,d quanta, %,d idle wakes, %,d of %,d VMs ran", stats.quanta(),
            stats.idleWakesByTimeout() + stats.idleWakesByInterrupt(), ran[0], n);
        return new Result(n, true, note, heapPerVm, heapPerAdmittedVm, instantiateMicros, stats.quanta(), perSwitch,
            stats.elapsedNanos() / 1e9);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
