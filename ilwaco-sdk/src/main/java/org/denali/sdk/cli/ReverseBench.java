package org.denali.sdk.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.denali.emulator.kernel.bench.ReverseBenchmark;

/** {@code denali bench reverse}: emulator-core's ReverseBenchmark as a table (docs/performance.md). */
final class ReverseBench {
    static final String USAGE = """
                   denali bench reverse [--intervals 1000000,10000000,30000000] [--instructions N] [--back B]
                                        [--count VMS] [--repeat R]
              Reverse execution: VMS VMs (default 2) of a loop writing eight pages run N instructions (default
              150000000, all VMs) under the debugger with the history recorded, checkpoints every interval; then
              seeks back B instructions (default 100000000) and forward to the end, R times (default 3, median).
              Shows the recorded and the plain run's speed, the checkpoints kept and their bytes, the seek times.
            """;

    private ReverseBench() {
    }

    static int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("intervals", "instructions", "back", "count", "repeat"),
            Set.of());
        if (!parsed.positional().isEmpty()) {
            throw new UsageException("'bench reverse' takes only options, not " + parsed.positional());
        }
        long[] intervals;
        try {
            intervals = Arrays.stream(parsed.option("intervals", "1000000,10000000,30000000").split(","))
                .mapToLong(s -> Long.parseLong(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--intervals expects numbers separated by commas");
        }
        long instructions = parsed.longOption("instructions", 150_000_000);
        long back = parsed.longOption("back", 100_000_000);
        long count = parsed.longOption("count", 2);
        long repeat = parsed.longOption("repeat", 3);
        if (Arrays.stream(intervals).anyMatch(i -> i < 1000) || instructions < 1_000_000 || back < 1 || count < 1
                || count > 10_000 || repeat < 1 || repeat > 100) {
            context.err().println("denali bench reverse: intervals ≥ 1000, --instructions ≥ 1000000, --back ≥ 1, "
                + "--count 1..10000, --repeat 1..100");
            return 2;
        }
        PrintStream out = context.out();
        out.printf("reverse execution, %d VMs, JVM max heap %,d MB, median of %d%n%n", count,
            Runtime.getRuntime().maxMemory() >> 20, repeat);
        out.println("| checkpoint interval | instructions recorded | recorded run | plain run | checkpoints kept "
            + "| their bytes | seek back | seek forward to the end |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        try {
            for (long interval : intervals) {
                ReverseBenchmark.Result r = ReverseBenchmark.run((int) count, instructions, interval, back,
                    (int) repeat);
                out.printf("| %,d | %,d | %.1f MIPS | %.1f MIPS | %,d | %,d B | %,d instructions in %.0f ms | %.0f ms |%n",
                    r.interval(), r.instructions(), r.recordedMips(), r.plainMips(), r.checkpoints(),
                    r.checkpointBytes(), r.back(), r.backMillis(), r.forwardMillis());
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        return 0;
    }
}
