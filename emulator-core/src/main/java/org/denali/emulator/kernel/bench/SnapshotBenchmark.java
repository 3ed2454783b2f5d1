package org.denali.emulator.kernel.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.assembly.KernelAssembly;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelCheckpoint;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.Quantum;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.snapshot.SnapshotFile;

/**
 * What a kernel snapshot costs ({@code denali bench snapshot}): N VMs that each dirty a few private pages and idle,
 * run until every VM ran, then the in-memory checkpoint, writing it to a file, reading the file back and restoring it
 * into a new kernel of N VMs are timed (median of a few repetitions), with the checkpoint's and the file's size.
 * The restored kernel then runs on, as a check that it does.
 */
public final class SnapshotBenchmark {
    /** Pages each VM writes every time it wakes (besides its stack page). */
    public static final int DIRTY_PAGES = 4;

    /** One row: times in milliseconds (medians), sizes in bytes. */
    public record Result(int vms, long privatePages, double checkpointMillis, long checkpointBytes, double saveMillis,
            long fileBytes, double loadMillis, double restoreMillis, long instructionsAfterRestore) {
    }

    private final int repetitions;
    private final Path directory;

    public SnapshotBenchmark(int repetitions, Path directory) {
        this.repetitions = repetitions;
        this.directory = directory;
    }

    public Result run(int vms) throws IOException {
        GuestImage image = image();
        try (KernelAssembly original = assemble(image, vms)) {
            return measure(vms, image, original.kernel());
        }
    }

    private Result measure(int vms, GuestImage image, Kernel kernel) throws IOException {
        kernel.runUntil(40L * vms); // about three wakes each: every VM has its pages and its stack
        long pages = 0;
        for (var vm : kernel.vms()) {
            pages += vm.residentPages();
        }
        Path file = directory.resolve("bench-" + vms + ".snapshot");
        double[] checkpoint = new double[repetitions];
        double[] save = new double[repetitions];
        double[] load = new double[repetitions];
        double[] restore = new double[repetitions];
        KernelCheckpoint taken = null;
        long fileBytes = 0;
        long after = 0;
        try {
            for (int r = 0; r < repetitions; r++) {
                long t0 = System.nanoTime();
                taken = kernel.checkpoint();
                long t1 = System.nanoTime();
                fileBytes = SnapshotFile.write(taken, file);
                long t2 = System.nanoTime();
                KernelCheckpoint read = SnapshotFile.read(file);
                long t3 = System.nanoTime();
                try (KernelAssembly assembly = assemble(image, vms)) {
                    Kernel fresh = assembly.kernel();
                    long t4 = System.nanoTime();
                    fresh.restore(read);
                    long t5 = System.nanoTime();
                    checkpoint[r] = (t1 - t0) / 1e6;
                    save[r] = (t2 - t1) / 1e6;
                    load[r] = (t3 - t2) / 1e6;
                    restore[r] = (t5 - t4) / 1e6;
                    if (r == repetitions - 1) {
                        fresh.runUntil(taken.instructions() + 20L * vms);
                        after = fresh.statistics().instructions() - taken.instructions();
                    }
                    fresh.shutdown();
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return new Result(vms, pages, median(checkpoint), taken.payloadBytes(), median(save), fileBytes,
            median(load), median(restore), after);
    }

    /** A deterministic kernel without LAN or memory budget, of {@code vms} VMs of {@code image}, not yet run. */
    private static KernelAssembly assemble(GuestImage image, int vms) throws IOException {
        KernelAssembly assembly = KernelAssembly.builder(KernelConfig.defaults().deterministic()
            .withQuantum(Quantum.ofInstructions(10_000))).memory(InHeapMemoryManager.unlimited()).withoutLan().build();
        VmConfig config = VmConfig.defaults();
        for (int i = 0; i < vms; i++) {
            try {
                assembly.instantiate(image, config, OutputStream.nullOutputStream());
            } catch (ElfFormatException e) {
                assembly.close();
                throw new IllegalStateException("the built-in image must fit", e);
            }
        }
        return assembly;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * {@code 1: mov %eax, page_i (i < 4); push $1; pop %eax; mov $1000, %eax; idle; jmp 1b}, built in memory like
     * {@link IdleLoopImage} and wrapped by {@link GuestCode#elf}: four data pages above the image and one stack page
     * per VM.
     */
    static GuestImage image() {
        ByteBuffer code = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        code.put((byte) 0xB8).putInt(1000);                         // mov $1000, %eax
        int loop = code.position();
        for (int i = 0; i < DIRTY_PAGES; i++) {
            code.put((byte) 0xA3).putInt(MemoryMap.LINK_BASE + 0x10000 + i * MemoryMap.PAGE_SIZE); // mov %eax, page
        }
        code.put((byte) 0x6A).put((byte) 1).put((byte) 0x58);       // push $1; pop %eax
        code.put((byte) 0xB8).putInt(1000);                         // mov $1000, %eax
        code.put((byte) 0x0F).put((byte) 0x0A);                     // idle
        code.put((byte) 0xEB).put((byte) (loop - (code.position() + 2))); // jmp loop
        return GuestCode.elf(Arrays.copyOf(code.array(), code.position()));
    }
}
