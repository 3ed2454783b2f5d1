package org.denali.sdk.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a child process under GNU time and reports what the kernel measured for it: wall time, user and
 * system CPU time of the child and everything it waited for, its maximum resident set size and its exit status, and
 * the host's load average while it ran. GNU time (not the JVM's ProcessHandle) because only the parent's wait
 * collects a child's CPU time and peak RSS once it has ended.
 */
final class TimedProcess {
    /** GNU time, Debian package {@code time}. */
    static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final String FORMAT = "%e %U %S %M %x";
    private static final long LOAD_SAMPLE_SECONDS = 5;

    /**
     * @param userSeconds  CPU time in user mode of the child and its waited-for children
     * @param maxRssKb     the child's largest resident set, in KiB
     * @param exitStatus   its exit status, or 128 + N if signal N ended it
     * @param loadMin      the host's 1-minute load average, lowest and highest of samples taken while it ran
     */
    record Timing(double wallSeconds, double userSeconds, double systemSeconds, long maxRssKb, int exitStatus,
            double loadMin, double loadMax) {
        double cpuSeconds() {
            return userSeconds + systemSeconds;
        }
    }

    private TimedProcess() {
    }

    /**
     * Runs {@code command} with its stdout discarded and its stderr written to {@code log}; blocks until it ends.
     *
     * @throws IOException if GNU time is missing, the command cannot start or time's report cannot be read
     */
    static Timing run(List<String> command, Path log) throws IOException, InterruptedException {
        if (!Files.isExecutable(GNU_TIME)) {
            throw new IOException(GNU_TIME + " (GNU time, Debian package 'time') is needed to measure a child's CPU "
                + "time and peak memory; install it");
        }
        Path report = Files.createTempFile("denali-time", ".txt");
        try {
            List<String> timed = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", FORMAT, "-o", report.toString()));
            timed.addAll(command);
            long start = System.nanoTime();
            Process process = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
            double loadMin = Double.MAX_VALUE;
            double loadMax = 0;
            try {
                do {
                    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                    loadMin = Math.min(loadMin, load);
                    loadMax = Math.max(loadMax, load);
                } while (!process.waitFor(LOAD_SAMPLE_SECONDS, TimeUnit.SECONDS));
            } finally {
                if (process.isAlive()) { // interrupted: do not leave a million-VM kernel behind
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            }
            double wall = (System.nanoTime() - start) / 1e9;
            return parse(Files.readAllLines(report), process.exitValue(), wall, loadMin, loadMax);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    /**
     * GNU time's report: its last line is FORMAT's fields; a line before it says "Command terminated by signal N"
     * or "Command exited with non-zero status N" (the exit status also comes from time's own exit status).
     */
    static Timing parse(List<String> report, int exitStatus, double wallSeconds, double loadMin, double loadMax)
            throws IOException {
        String last = report.isEmpty() ? "" : report.get(report.size() - 1).strip();
        String[] fields = last.split(" ");
        if (fields.length != 5) {
            throw new IOException("GNU time wrote no report (" + String.join(" | ", report) + ")");
        }
        try {
            return new Timing(wallSeconds, Double.parseDouble(fields[1]), Double.parseDouble(fields[2]),
                Long.parseLong(fields[3]), exitStatus, loadMin, loadMax);
        } catch (NumberFormatException e) {
            throw new IOException("unexpected GNU time report: " + last);
        }
    }
}
