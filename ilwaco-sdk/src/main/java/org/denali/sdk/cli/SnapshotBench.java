package org.denali.sdk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.denali.emulator.kernel.bench.SnapshotBenchmark;

/** {@code denali bench snapshot [--counts 1,1000] [--repeat R]}: emulator-core's SnapshotBenchmark as a table. */
final class SnapshotBench {
    static final String USAGE = """
                   denali bench snapshot [--counts 1,1000,10000] [--repeat R]
              Kernel snapshots: N VMs that each dirty 4 pages and a stack page and idle are run until all ran,
              then the in-memory checkpoint, saving it to a file, loading the file and restoring it into a new
              kernel of N VMs are timed (median of R repetitions, default 3), with checkpoint and file sizes.
            """;

    private SnapshotBench() {
    }

    static int run(List<String> args, CommandContext context) throws UsageException {
        Arguments parsed = Arguments.parse(args, Set.of("counts", "repeat"), Set.of());
        if (!parsed.positional().isEmpty()) {
            throw new UsageException("'bench snapshot' takes only --counts and --repeat, not " + parsed.positional());
        }
        int[] counts;
        try {
            counts = Arrays.stream(parsed.option("counts", "1,1000,10000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new UsageException("--counts expects numbers separated by commas");
        }
        long repeat = parsed.longOption("repeat", 3);
        if (Arrays.stream(counts).anyMatch(n -> n < 1 || n > 1_000_000) || repeat < 1 || repeat > 100) {
            context.err().println("denali bench snapshot: counts must be 1..1000000, --repeat 1..100");
            return 2;
        }
        PrintStream out = context.out();
        out.printf("kernel snapshots, JVM max heap %,d MB, median of %d%n%n", Runtime.getRuntime().maxMemory() >> 20,
            repeat);
        out.println("| VMs | private pages | checkpoint (memory) | checkpoint size | save to file | file size "
            + "| load file | restore into new kernel | ran on after restore |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        try {
            Path dir = Files.createTempDirectory("denali-snapshot-bench");
            try {
                SnapshotBenchmark bench = new SnapshotBenchmark((int) repeat, dir);
                for (int n : counts) {
                    SnapshotBenchmark.Result r = bench.run(n);
                    out.printf("| %,d | %,d | %.2f ms | %,d B | %.2f ms | %,d B | %.2f ms | %.2f ms | %,d instructions |%n",
                        r.vms(), r.privatePages(), r.checkpointMillis(), r.checkpointBytes(), r.saveMillis(),
                        r.fileBytes(), r.loadMillis(), r.restoreMillis(), r.instructionsAfterRestore());
                    out.flush();
                }
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            context.err().println("denali bench snapshot: " + e.getMessage());
            return 1;
        } catch (OutOfMemoryError e) {
            context.err().println("denali bench snapshot: the JVM heap is too small for this many VMs "
                + "(DENALI_JAVA_OPTS=-Xmx8g gives more)");
            return 1;
        }
        return 0;
    }
}
