package org.denali.emulator.cpu.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Times a static Linux i386 executable run directly on the host CPU or under {@code qemu-i386} (Debian package
 * {@code qemu-user}): the reference points next to the interpreter's MIPS. Wall time of the whole process,
 * start-up included, and its CPU time (user + system, in clock ticks of 10 ms, read by a wrapping {@code sh} from
 * its children's times in /proc), so give it enough instructions (billions natively) for a meaningful figure.
 */
public final class NativeRun {
    private NativeRun() {
    }

    /** Linux's USER_HZ: the unit of the times in /proc/PID/stat. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    /**
     * Elapsed wall time, CPU time and exit status of one process.
     *
     * @param wallNanos from start to exit
     * @param cpuNanos user + system time of the process, or -1 if it could not be read
     * @param exitCode the process's exit status (0 for the benchmark loops)
     */
    public record Timing(long wallNanos, long cpuNanos, int exitCode) {
        public double mips(long instructions) {
            return instructions * 1e3 / Math.max(1, wallNanos);
        }

        public double cpuMips(long instructions) {
            return instructions * 1e3 / Math.max(1, cpuNanos);
        }
    }

    /** cutime + cstime (fields 16 and 17) of the stat line ending {@code output}, or -1. */
    static long childCpuNanos(String output) {
        String[] lines = output.strip().split("\n");
        String stat = lines[lines.length - 1];
        int paren = stat.lastIndexOf(')');
        if (paren < 0) {
            return -1;
        }
        String[] fields = stat.substring(paren + 1).trim().split(" +"); // fields[0] is field 3 (state)
        try {
            return fields.length > 14 ? (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * NANOS_PER_TICK
                : -1;
        } catch (NumberFormatException e) {
            return -1;
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
     * Runs {@code command} (its output is discarded) and times the whole process: wall time from start to exit and
     * its CPU time, every thread included (for a JVM: start-up, the JIT compilers, the garbage collector).
     */
    public static Timing time(List<String> command) throws IOException, InterruptedException {
        // sh runs the program, then prints its own /proc stat line, whose cutime and cstime are the program's
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c",
            "\"$@\"; status=$?; cat /proc/$$/stat; exit $status", "sh"));
        wrapped.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(wrapped).redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        int exit = process.waitFor();
        long wall = System.nanoTime() - start;
        return new Timing(wall, childCpuNanos(output), exit);
    }

    /**
     * Writes {@code executable} to a temporary file and runs it, directly ({@code emulator} empty) or under the
     * given emulator.
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
            return time(command);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
