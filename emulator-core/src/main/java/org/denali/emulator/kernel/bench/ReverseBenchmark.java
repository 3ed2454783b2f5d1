package org.denali.emulator.kernel.bench;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.assembly.KernelAssembly;
import org.denali.emulator.debug.KernelDebugger;
import org.denali.emulator.debug.history.CheckpointPolicy;
import org.denali.emulator.debug.history.ExecutionHistory;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.VmConfig;

/**
 * What reverse execution costs (docs/performance.md, "Reverse execution"): {@code vms} VMs of a loop that writes
 * eight pages run {@code instructions} instructions (all VMs together) under the debugger with their history
 * recorded, checkpoints every {@code interval}; then the kernel seeks back {@code back} instructions from the end
 * and forward to the end again, {@code repeat} times. The same run without a history is timed for comparison.
 * Numbers only.
 */
public final class ReverseBenchmark {
    /**
     * @param recordedMips the recorded run's speed (million instructions per second, all VMs)
     * @param plainMips the same run without a history
     * @param checkpoints checkpoints kept at the end
     * @param checkpointBytes their payload bytes
     * @param backMillis median time of a seek back {@code back} instructions
     * @param forwardMillis median time of the seek forward to the end again
     */
    public record Result(int vms, long instructions, long interval, long back, double recordedMips, double plainMips,
                         long checkpoints, long checkpointBytes, double backMillis, double forwardMillis) {
    }

    private static final int PAGES = 8;

    private ReverseBenchmark() {
    }

    public static Result run(int vms, long instructions, long interval, long back, int repeat)
            throws InterruptedException {
        GuestImage image = image();
        double plain = plainMips(image, vms, instructions);
        ExecutionHistory history = new ExecutionHistory(new CheckpointPolicy(interval, 1, 1 << 20, Long.MAX_VALUE));
        KernelAssembly assembly;
        try {
            // as denali run --gdb --record --deterministic builds it: the stub listens on a free port, unused
            assembly = KernelAssembly.builder(config()).memory(InHeapMemoryManager.unlimited()).gdb(0, false)
                .journal(history).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        KernelDebugger debugger = assembly.debugger();
        instantiate(debugger.kernel(), image, vms);
        debugger.attach();
        debugger.suspendAll();
        Thread worker = new Thread(() -> debugger.kernel().run(), "reverse-bench-kernel");
        worker.setDaemon(true);
        worker.start();
        long start = System.nanoTime();
        debugger.resumeAll();
        while (debugger.kernel().statistics().instructions() < instructions) {
            Thread.sleep(1);
        }
        debugger.suspendAll();
        debugger.awaitAllStopped(60_000);
        double recorded = debugger.kernel().statistics().instructions() / ((System.nanoTime() - start) / 1e3);
        long end = history.end();
        double[] backs = new double[repeat];
        double[] forwards = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            history.seek(Math.max(history.start(), end - back));
            long t1 = System.nanoTime();
            history.seek(end);
            long t2 = System.nanoTime();
            backs[i] = (t1 - t0) / 1e6;
            forwards[i] = (t2 - t1) / 1e6;
        }
        long[] kept = history.checkpointStats();
        debugger.kernel().shutdown();
        worker.join(60_000);
        try {
            assembly.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Result(vms, end, interval, Math.min(back, end - history.start()), recorded, plain, kept[0], kept[1],
            median(backs), median(forwards));
    }

    private static double plainMips(GuestImage image, int vms, long instructions) {
        try (KernelAssembly assembly = KernelAssembly.builder(config()).memory(InHeapMemoryManager.unlimited())
                .withoutLan().build()) {
            Kernel kernel = assembly.kernel();
            instantiate(kernel, image, vms);
            long start = System.nanoTime();
            kernel.runUntil(instructions);
            double mips = kernel.statistics().instructions() / ((System.nanoTime() - start) / 1e3);
            kernel.shutdown();
            return mips;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static KernelConfig config() {
        return KernelConfig.defaults().deterministic();
    }

    private static void instantiate(Kernel kernel, GuestImage image, int vms) {
        for (int i = 0; i < vms; i++) {
            try {
                kernel.instantiate(image, VmConfig.defaults(), OutputStream.nullOutputStream());
            } catch (ElfFormatException e) {
                throw new IllegalStateException("the built-in image must fit", e);
            }
        }
    }

    /** {@code mov $0, %eax; 1: inc %eax; mov %eax, page_i (i < 8); jmp 1b}: runs until the kernel stops it. */
    static GuestImage image() {
        ByteBuffer code = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        code.put((byte) 0xB8).putInt(0);                            // mov $0, %eax
        int loop = code.position();
        code.put((byte) 0x40);                                      // inc %eax
        for (int i = 0; i < PAGES; i++) {
            code.put((byte) 0xA3).putInt(MemoryMap.LINK_BASE + 0x10000 + i * MemoryMap.PAGE_SIZE); // mov %eax, page
        }
        int jump = code.position();
        code.put((byte) 0xEB).put((byte) (loop - (jump + 2)));     // jmp loop
        return GuestCode.elf(Arrays.copyOf(code.array(), code.position()));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
