package org.denali.emulator.cpu.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Times a static Linux i386 executable run directly on the host CPU or under {@code qemu-i386} (Debian package
 * {@code qemu-user}): the reference points next to the interpreter's MIPS. Wall time of the whole process,
 * start-up included, so give it enough instructions (hundreds of millions natively) for a meaningful figure.
 */
public final class NativeRun {
    private NativeRun() {
    }

    /**
     * Elapsed wall time and exit status of one process.
     *
     * @param wallNanos from start to exit
     * @param exitCode the process's exit status (0 for the benchmark loops)
     */
    public record Timing(long wallNanos, int exitCode) {
        public double mips(long instructions) {
            return instructions * 1e3 / Math.max(1, wallNanos);
        }
    }

    /** The qemu-i386 executable on the PATH, if installed. */
    public static Optional<Path> qemu() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "qemu-i386");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Writes {@code executable} to a temporary file and runs it, directly ({@code emulator} empty) or under the
     * given emulator; output is discarded.
     */
    public static Timing run(byte[] executable, Optional<Path> emulator) throws IOException, InterruptedException {
        Path file = Files.createTempFile("denali-bench-", ".elf");
        try {
            Files.write(file, executable);
            if (!file.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + file + " executable");
            }
            List<String> command = new ArrayList<>();
            emulator.ifPresent(e -> command.add(e.toString()));
            command.add(file.toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process process = builder.start();
            int exit = process.waitFor();
            return new Timing(System.nanoTime() - start, exit);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
