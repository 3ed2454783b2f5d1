package org.denali.sdk.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.denali.emulator.kernel.bench.ScaleBenchmark;

/**
 * {@code denali bench SUBCOMMAND}: the emulator's benchmarks. {@code scale} runs N idle VMs for growing N and
 * prints a Markdown table (host heap per VM, VM switch cost, how far it got).
 */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks (scale: many idle VMs on the isolation kernel)";
    }

    @Override
    public String usage() {
        return """
            usage: denali bench scale [--counts 1000,10000,100000] [--seconds 3] [--idle-us 1000] [--workers N]
              Instantiates N guests that loop on idle with a timeout, runs them for --seconds, and reports the
              host heap per VM, the cost of one VM switch (wall ns per quantum) and how far it got before the
              heap bound. Give the JVM more heap (DENALI_JAVA_OPTS=-Xmx8g) to reach larger N.""";
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("counts", "seconds", "idle-us", "workers"), Set.of());
        List<String> positional = parsed.positional();
        if (positional.size() != 1 || !positional.get(0).equals("scale")) {
            throw new UsageException("expected the benchmark name 'scale'" + (positional.isEmpty() ? ""
                : ", got " + positional));
        }
        int[] counts;
        try {
            counts = Arrays.stream(parsed.option("counts", "1000,10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--counts expects numbers separated by commas");
        }
        long seconds = parsed.longOption("seconds", 3);
        long idle = parsed.longOption("idle-us", 1000);
        long workers = parsed.longOption("workers", Runtime.getRuntime().availableProcessors());
        if (Arrays.stream(counts).anyMatch(n -> n < 1) || seconds < 1 || idle < 1 || idle > Integer.MAX_VALUE
                || workers < 1 || workers > 256) {
            context.err().println("denali bench: counts, --seconds, --idle-us and --workers must be positive");
            return 2;
        }
        PrintStream out = context.out();
        out.printf("N idle VMs (guest: `1: mov $%d,%%eax; idle; jmp 1b`), %d worker(s), %d s each, "
            + "JVM max heap %,d MB%n%n", idle, workers, seconds, Runtime.getRuntime().maxMemory() >> 20);
        out.println("| VMs | heap per VM | instantiate per VM | quanta | ns per VM switch | result |");
        out.println("|---:|---:|---:|---:|---:|---|");
        new ScaleBenchmark(seconds * 1_000_000_000L, (int) idle, (int) workers).run(counts, r -> {
            if (r.completed()) {
                out.printf("| %,d | %,d B | %.1f µs | %,d | %,.0f | ran %.1f s: %s |%n", r.vms(), r.heapBytesPerVm(),
                    r.instantiateMicrosPerVm(), r.quanta(), r.nanosPerSwitch(), r.runSeconds(), r.note());
            } else {
                out.printf("| %,d | | | | | %s |%n", r.vms(), r.note());
            }
            out.flush();
        });
        return 0;
    }
}
