package org.denali.emulator.kernel.snapshot;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.denali.emulator.kernel.CheckpointException;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelCheckpoint;

/**
 * {@code snapshot save FILE} and {@code snapshot load FILE} as the kernel monitor and gdb's {@code monitor} command
 * take them: the one place that parses the words, writes the file and words the refusals.
 */
public final class SnapshotCommand {
    public static final String USAGE = "snapshot save FILE | snapshot load FILE";

    /** Why a running kernel cannot be replaced in place; use {@code denali run ... --restore FILE} instead. */
    public static final String LOAD_REFUSED = "snapshot load cannot replace a running kernel in place: the VMs "
        + "that ended since have released their CPUs, memory and devices, and the host side (console streams, "
        + "pcap, passt's connections) cannot be rewound; start a new kernel with the same options and "
        + "--restore FILE";

    /** What a save did. */
    public record Saved(Path file, long bytes, long micros, int sections, long instructions) {
        public String describe() {
            return String.format("snapshot of %d instructions written to %s (%,d bytes, %d sections, %.1f ms)",
                instructions, file, bytes, sections, micros / 1000.0);
        }
    }

    private final Kernel kernel;

    public SnapshotCommand(Kernel kernel) {
        this.kernel = kernel;
    }

    /**
     * Runs {@code words} (after "snapshot").
     *
     * @throws IllegalArgumentException with the message for the user: bad usage, a kernel that cannot be
     *         snapshotted, a file that cannot be written, or load (which a running kernel refuses)
     */
    public Saved run(String arguments) {
        String[] parts = arguments.trim().split("\\s+", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException("usage: " + USAGE);
        }
        Path file;
        try {
            file = Path.of(parts[1].trim()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file name: " + parts[1]);
        }
        return switch (parts[0]) {
            case "save" -> save(file);
            case "load" -> throw new IllegalArgumentException(LOAD_REFUSED);
            default -> throw new IllegalArgumentException("unknown snapshot command '" + parts[0] + "'; usage: "
                + USAGE);
        };
    }

    private Saved save(Path file) {
        long start = System.nanoTime();
        KernelCheckpoint checkpoint;
        try {
            checkpoint = kernel.checkpoint();
        } catch (CheckpointException e) {
            throw new IllegalArgumentException("cannot snapshot this kernel: " + e.getMessage());
        }
        long bytes;
        try {
            bytes = SnapshotFile.write(checkpoint, file);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
        }
        return new Saved(file, bytes, (System.nanoTime() - start) / 1000, checkpoint.sections().size(),
            checkpoint.instructions());
    }
}
