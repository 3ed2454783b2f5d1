package org.denali.sdk.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.denali.emulator.kernel.bench.HostileSoak;
import org.denali.sdk.paper.Table;
import org.denali.sdk.paper.TableFormat;

/** {@code denali bench hostile [--seconds N] [--seed S]}: the isolation soak of emulator-core's HostileSoak. */
final class HostileBench {
    static final String USAGE = """
                   denali bench hostile [--seconds N] [--seed S] [--streams K]
              The isolation soak: rounds of random-byte guests, wild writers, port probers, memory hogs,
              spinners and faulting guests beside bystander VMs that check a pattern and must finish; even rounds
              under the kernel monitor with a heap budget, odd ones under --phys-memory pressure with a swap
              file; K random-byte guests per round (default 256). Runs N seconds (default 60, at least two rounds) and reports VMs, random instruction streams,
              faults by vector, bystander checks, host exceptions, lost bystanders, leftover processes and
              files. Exit status 1 if any of the last four is not 0.
            """;

    private HostileBench() {
    }

    static int run(List<String> args, CommandContext context) throws UsageException {
        return run(args, TableFormat.TEXT, context);
    }

    /** With {@code --format csv|json} the summary is one table on stdout, progress on stderr. */
    static int run(List<String> args, TableFormat format, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("seconds", "seed", "streams"), Set.of());
        if (!parsed.positional().isEmpty()) {
            throw new UsageException("'bench hostile' takes only --seconds, --seed and --streams, not " + parsed.positional());
        }
        long seconds = parsed.longOption("seconds", 60);
        long seed = parsed.longOption("seed", System.nanoTime());
        long streams = parsed.longOption("streams", 256);
        if (seconds < 1 || streams < 1 || streams > 1_000_000) {
            context.err().println("denali bench hostile: --seconds must be positive, --streams between 1 and 1000000");
            return 2;
        }
        PrintStream out = format == TableFormat.TEXT ? context.out() : context.err();
        out.printf("hostile soak: %d s, seed %d, %d random streams per round, JVM max heap %,d MB%n", seconds, seed,
            streams,
            Runtime.getRuntime().maxMemory() >> 20);
        long start = System.nanoTime();
        int[] problemsShown = {0};
        HostileSoak.Report r = new HostileSoak(seed, Path.of(System.getProperty("java.io.tmpdir")), (int) streams)
            .run(seconds * 1_000_000_000L, 2, progress -> {
                // a problem is shown when it happens: a long soak's log says which round went wrong even if the
                // run is stopped early
                for (; problemsShown[0] < progress.problems.size(); problemsShown[0]++) {
                    out.println("  problem: " + progress.problems.get(problemsShown[0]));
                    out.flush();
                }
                if (progress.rounds % 50 == 0) {
                    out.printf("  round %,d: %,d VMs, %,d random streams, %d host exceptions, %d lost bystanders%n",
                        progress.rounds, progress.vms, progress.randomStreams, progress.hostExceptions,
                        progress.lostBystanders);
                    out.flush();
                }
            });
        double elapsed = (System.nanoTime() - start) / 1e9;
        out.printf("%n| measure | value |%n|---|---:|%n");
        out.printf("| rounds (kernels) | %,d |%n", r.rounds);
        out.printf("| VMs run | %,d |%n", r.vms);
        out.printf("| random instruction streams | %,d |%n", r.randomStreams);
        out.printf("| guest instructions | %,d |%n", r.instructions);
        r.faultsByVector.forEach((vector, n) -> out.printf("| faults %s | %,d |%n", vector, n));
        out.printf("| bystander checks passed | %,d |%n", r.bystanderChecks);
        out.printf("| host exceptions | %d |%n", r.hostExceptions);
        out.printf("| lost bystanders | %d |%n", r.lostBystanders);
        out.printf("| leftover processes | %d |%n", r.leftoverProcesses);
        out.printf("| leftover files | %d |%n", r.leftoverFiles);
        out.printf("| wall time | %.0f s |%n", elapsed);
        out.println();
        out.println("exits by guest kind: " + r.exits);
        r.problems.forEach(p -> out.println("problem: " + p));
        if (format != TableFormat.TEXT) {
            Table table = new Table("hostile", "Hostile soak", List.of("measure", "value"));
            table.add("rounds", r.rounds).add("VMs run", r.vms).add("random instruction streams", r.randomStreams)
                .add("guest instructions", r.instructions);
            r.faultsByVector.forEach((vector, n) -> table.add("faults " + vector, n));
            table.add("bystander checks passed", r.bystanderChecks).add("host exceptions", r.hostExceptions)
                .add("lost bystanders", r.lostBystanders).add("leftover processes", r.leftoverProcesses)
                .add("leftover files", r.leftoverFiles).add("wall time s", elapsed);
            context.out().print(format.format(table));
        }
        return r.clean() ? 0 : 1;
    }
}
