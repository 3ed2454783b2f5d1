package org.denali.sdk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.cpu.InterpreterJvmOptions;
import org.denali.sdk.paper.ChartWriter;
import org.denali.sdk.paper.Figure;
import org.denali.sdk.paper.Table;
import org.denali.sdk.paper.TableFormat;

/**
 * {@code denali bench launch IMAGE [--counts …] [--heap SIZE] [--out DIR]}: how {@code denali run IMAGE --count N}
 * scales with N, measured from outside as a user would: each N is a new JVM running the real command, timed by
 * GNU time ({@link TimedProcess}). Linear scaling shows as a flat cost per VM in launch.png.
 */
final class LaunchBench {
    static final String USAGE = """
                   denali bench launch IMAGE.elf [--counts 10000,100000,1000000] [--heap SIZE] [--out DIR]
              How 'denali run IMAGE --count N' scales: for each N starts the real command in a new JVM (this
              Java and class path, the interpreter's JVM options, -Xmx SIZE with --heap) under GNU time, console
              output discarded, and records wall time, CPU time (user + sys of the child), both per VM, the
              child's max RSS, the VMs it ended and terminated, its exit status and the load average meanwhile.
              Writes launch.csv, launch.json, launch.png (time and CPU per VM against N, log x axis: linear
              scaling is a flat line) and each run's stderr as launch-N.log into DIR (default launch-results).
            """;

    static final List<String> COLUMNS = List.of("VMs", "wall s", "CPU s", "user s", "sys s", "wall per VM ms",
        "CPU per VM ms", "max RSS MB", "VMs ended", "VMs terminated", "exit status", "load average min",
        "load average max");

    /** The end of {@code denali run}'s statistics line with several VMs (RunCommand.ended). */
    private static final Pattern ENDED = Pattern.compile("; ([\\d,]+) VMs? ended:(.*)$");
    private static final Pattern TERMINATED = Pattern.compile("([\\d,]+) terminated");
    private static final Pattern HEAP = Pattern.compile("[1-9]\\d*[kKmMgG]?");

    private LaunchBench() {
    }

    static int run(List<String> args, TableFormat format, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("counts", "heap", "out"), Set.of());
        if (parsed.positional().size() != 1) {
            throw new UsageException("'bench launch' expects one image, e.g. bench launch hello.elf");
        }
        int[] counts = counts(parsed.option("counts", "10000,100000,1000000"));
        String heap = parsed.option("heap", null);
        if (heap != null && !HEAP.matcher(heap).matches()) {
            throw new UsageException("--heap expects a size such as 3g or 512m, got " + heap);
        }
        Path image = context.resolve(parsed.positional().get(0));
        PrintStream err = context.err();
        if (!Files.isRegularFile(image)) {
            err.println("denali bench launch: no image " + image);
            return 1;
        }
        Path out = context.resolve(parsed.option("out", "launch-results"));
        Table table = new Table("launch", "denali run " + image.getFileName() + " --count N, one JVM per N", COLUMNS);
        try {
            Files.createDirectories(out);
            for (int n : counts) {
                err.printf(Locale.ROOT, "denali bench launch: denali run %s --count %,d%n", image.getFileName(), n);
                err.flush();
                Path log = out.resolve("launch-" + n + ".log");
                TimedProcess.Timing t = TimedProcess.run(command(image, n, heap), log);
                long[] ended = ended(Files.readAllLines(log));
                table.add(n, t.wallSeconds(), t.cpuSeconds(), t.userSeconds(), t.systemSeconds(),
                    1000 * t.wallSeconds() / n, 1000 * t.cpuSeconds() / n, t.maxRssKb() / 1024.0, ended[0], ended[1],
                    t.exitStatus(), t.loadMin(), t.loadMax());
                err.printf(Locale.ROOT, "  %,d VMs: %.1f s wall, %.1f s CPU (%.3f ms per VM), max RSS %,d MB, "
                        + "%,d ended, %,d terminated, exit status %d, load average %.1f-%.1f%n", n, t.wallSeconds(),
                    t.cpuSeconds(), 1000 * t.cpuSeconds() / n, t.maxRssKb() / 1024, ended[0], ended[1],
                    t.exitStatus(), t.loadMin(), t.loadMax());
                err.flush();
            }
            Figure figure = figure(table);
            Files.writeString(out.resolve("launch.csv"), TableFormat.CSV.format(table));
            Files.writeString(out.resolve("launch.json"), TableFormat.JSON.format(table));
            ChartWriter.write(figure, out.resolve("launch.png"));
            context.out().print(format.format(table));
            err.println("denali bench launch: files in " + out);
            return Arrays.stream(table.column("exit status")).allMatch(s -> s == 0) ? 0 : 1;
        } catch (IOException e) {
            err.println("denali bench launch: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int[] counts(String text) throws UsageException {
        try {
            int[] counts = Arrays.stream(text.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
            if (counts.length == 0 || Arrays.stream(counts).anyMatch(n -> n < 1 || n > RunCommand.MAX_COUNT)) {
                throw new UsageException("--counts expects counts between 1 and " + RunCommand.MAX_COUNT);
            }
            return counts;
        } catch (NumberFormatException e) {
            throw new UsageException("--counts expects numbers separated by commas, got " + text);
        }
    }

    /** {@code java OPTIONS -cp CLASSPATH DenaliCli run IMAGE --count N}: this CLI, in a JVM of its own. */
    private static List<String> command(Path image, int count, String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(InterpreterJvmOptions.recommended());
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DenaliCli.class.getName(), "run",
            image.toString(), "--count", Integer.toString(count)));
        return command;
    }

    /** VMs ended and terminated, from the run's statistics line; 0 and 0 if it printed none (it crashed). */
    static long[] ended(List<String> stderr) {
        for (int i = stderr.size() - 1; i >= 0; i--) {
            Matcher m = ENDED.matcher(stderr.get(i));
            if (m.find()) {
                Matcher terminated = TERMINATED.matcher(m.group(2));
                return new long[] {number(m.group(1)), terminated.find() ? number(terminated.group(1)) : 0};
            }
        }
        return new long[] {0, 0};
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    /** Wall and CPU time per VM against N, with a flat line at the largest N's CPU per VM: linear scaling. */
    static Figure figure(Table table) {
        double[] vms = table.column("VMs");
        double[] cpu = table.column("CPU per VM ms");
        double last = cpu.length == 0 ? 0 : cpu[cpu.length - 1];
        double[] flat = Arrays.stream(vms).map(v -> last).toArray();
        String verdict = cpu.length == 0 ? "no runs" : String.format(Locale.ROOT,
            "CPU per VM %.3f ms at %,.0f VMs, %.3f ms at %,.0f (%.2fx); load average %.0f-%.0f", cpu[0], vms[0], last,
            vms[vms.length - 1], cpu[0] > 0 ? last / cpu[0] : 0, min(table.column("load average min")),
            max(table.column("load average max")));
        table.note("Each N is a new JVM: the JVM's start and JIT warm-up (a few CPU seconds) weigh most at small N. "
            + verdict + ".");
        return new Figure(table, "VMs", "VMs in one kernel (count)", "time per VM (ms)", true, false,
            List.of(Figure.measured(table, "VMs", "CPU per VM ms", "CPU per VM (user + sys of the run)"),
                Figure.measured(table, "VMs", "wall per VM ms", "wall time per VM (host load included)")),
            List.of(new Figure.Series("linear scaling: constant CPU per VM", vms, flat)), List.of(), List.of(),
            "goal (issue 18): 'denali run IMAGE --count N' scales linearly up to 1,000,000 VMs (constant cost per VM)",
            verdict);
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }
}
