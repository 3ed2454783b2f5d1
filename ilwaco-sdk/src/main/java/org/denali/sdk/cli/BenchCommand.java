package org.denali.sdk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.denali.emulator.cpu.InterpreterJvmOptions;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.TraceCompiler;
import org.denali.emulator.cpu.jit.TraceJit;
import org.denali.emulator.cpu.bench.BenchGuest;
import org.denali.emulator.cpu.bench.CpuBenchmark;
import org.denali.emulator.cpu.bench.NativeRun;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.bench.ScaleBenchmark;
import org.denali.sdk.paper.Table;
import org.denali.sdk.paper.TableFormat;
import org.denali.sdk.build.FileTrees;
import org.denali.sdk.build.ProjectException;

/**
 * {@code denali bench SUBCOMMAND}: the emulator's benchmarks. {@code scale} runs N idle VMs for growing N and
 * prints a Markdown table (host heap per VM, VM switch cost, how far it got). {@code cpu} measures the
 * interpreter's guest MIPS on one core (emulator-core's CpuBenchmark), optionally next to the same loop run
 * natively and under qemu-i386.
 */
final class BenchCommand implements Command {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "benchmarks (scale: many idle VMs on the isolation kernel; cpu: interpreter/compiler MIPS; gdb: step round"
            + " trip; hostile: isolation soak; paper: the paper's figures; launch: run --count N scaling; vxlan: the"
            + " link between kernels; snapshot: kernel snapshot cost)";
    }

    @Override
    public String usage() {
        return """
            usage: denali bench scale [--counts 1000,10000,100000] [--seconds 3] [--idle-us 1000] [--workers N]
              Instantiates N guests that loop on idle with a timeout, runs them for --seconds and on until every
              VM has run once, and reports the host heap per VM, the cost of one VM switch (wall and CPU ns per
              quantum), the share of VMs that ran and how far it got before the heap bound (1,000,000 VMs fit
              the default heap on a 24 GiB machine; DENALI_JAVA_OPTS=-Xmx8g gives more).
                   denali bench cpu [loop|call|mix|FILE] [--instructions N] [--repeat R] [--rounds N]
                                    [--engine interpreter|compiler|both] [--jit-threshold N] [--no-compare]
              Guest MIPS on one core of the CPU interpreter and of the compiler (hot traces translated to JVM
              bytecode), run after run: 'loop' (add; mov [esi],eax; mov edx,[esi]; xor; dec; jnz), 'call'
              (call f; dec; jnz with f = push ebp; mov ebp,esp; add; pop ebp; ret), 'mix' (a C program of six
              kernels - sieve, table CRC, quicksort, recursion, a switch-dispatched bytecode loop, byte fills and
              copies - built by the SDK with gcc -m32 -O2; --rounds sets its length, default 60) or FILE (a
              Denali ELF image, or a flat binary loaded at 0x100000, ending in terminate). Each of the R runs
              (default 5) executes about N instructions (default 1,000,000,000; FILE runs until terminate or N).
              MIPS over wall time and over the thread's CPU time; the summary covers the later half of the runs
              (the first ones include JIT compilation and recompilation). loop, call and mix are then also run
              natively and under qemu-i386 (if installed; --no-compare skips them), and a table gives every
              engine's MIPS and its ratio to native and to qemu-i386. mix is also run once whole by
              `denali run` per engine, in a fresh JVM: its process CPU time (start-up, compilers and warm-up
              included) is the figure comparable to qemu-i386's process time.
            """ + GdbStepBenchmark.USAGE + HostileBench.USAGE + PaperBench.USAGE + LaunchBench.USAGE
            + VxlanBench.USAGE + SnapshotBench.USAGE + ReverseBench.USAGE + FORMAT_USAGE;
    }

    @Override
    public int run(List<String> allArgs, CommandContext context) throws UsageException {
        List<String> args = new ArrayList<>(allArgs);
        TableFormat format = takeFormat(args);
        if (!args.isEmpty() && args.get(0).equals("paper")) {
            return PaperBench.run(args.subList(1, args.size()), format, context);
        }
        if (!args.isEmpty() && args.get(0).equals("gdb")) {
            return GdbStepBenchmark.run(args.subList(1, args.size()), format, context);
        }
        if (!args.isEmpty() && args.get(0).equals("hostile")) {
            return HostileBench.run(args.subList(1, args.size()), format, context);
        }
        if (!args.isEmpty() && args.get(0).equals("vxlan")) {
            return VxlanBench.run(args.subList(1, args.size()), format, context);
        }
        if (!args.isEmpty() && args.get(0).equals("launch")) {
            return LaunchBench.run(args.subList(1, args.size()), format, context);
        }
        if (!args.isEmpty() && args.get(0).equals("reverse")) {
            return ReverseBench.run(args.subList(1, args.size()), context);
        }
        if (!args.isEmpty() && args.get(0).equals("snapshot")) {
            return SnapshotBench.run(args.subList(1, args.size()), context);
        }
        Arguments parsed = Arguments.parse(args, Set.of("counts", "seconds", "idle-us", "workers", "instructions",
            "repeat", "rounds", "jit-threshold", "engine"), Set.of("compare", "no-compare"));
        List<String> positional = parsed.positional();
        if (!positional.isEmpty() && positional.get(0).equals("cpu")) {
            return cpu(parsed, format, context);
        }
        if (positional.size() != 1 || !positional.get(0).equals("scale")) {
            throw new UsageException("expected the benchmark name 'scale', 'cpu', 'gdb', 'hostile', 'paper', 'launch' or "
                + "'vxlan'" + (positional.isEmpty() ? ""
                : ", got " + positional));
        }
        if (parsed.has("compare") || parsed.has("no-compare") || !parsed.option("instructions", "").isEmpty()
                || !parsed.option("repeat", "").isEmpty() || !parsed.option("rounds", "").isEmpty()
                || !parsed.option("jit-threshold", "").isEmpty() || !parsed.option("engine", "").isEmpty()) {
            throw new UsageException("--instructions, --repeat, --rounds, --engine, --jit-threshold and "
                + "--[no-]compare belong to 'bench cpu'");
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
        if (format != TableFormat.TEXT) {
            return scaleTable(counts, seconds, (int) idle, (int) workers, format, context);
        }
        PrintStream out = context.out();
        out.printf("N idle VMs (guest: `1: mov $%d,%%eax; idle; jmp 1b`), %d worker(s), %d s each, "
            + "JVM max heap %,d MB%n%n", idle, workers, seconds, Runtime.getRuntime().maxMemory() >> 20);
        out.println("| VMs | heap per VM out of memory | heap per admitted VM | instantiate per VM | quanta "
            + "| ns per VM switch | CPU ns per VM switch | VMs that ran | result |");
        out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        new ScaleBenchmark(seconds * 1_000_000_000L, (int) idle, (int) workers).run(counts, r -> {
            if (r.completed()) {
                out.printf("| %,d | %,d B | %,d B | %.1f µs | %,d | %,.0f | %,.0f | %.1f%% | ran %.1f s: %s |%n",
                    r.vms(), r.heapBytesPerVm(), r.heapBytesPerAdmittedVm(), r.instantiateMicrosPerVm(), r.quanta(),
                    r.nanosPerSwitch(), r.cpuNanosPerSwitch(), r.percentRan(), r.runSeconds(), r.note());
            } else {
                out.printf("| %,d | | | | | | | | %s |%n", r.vms(), r.note());
            }
            out.flush();
        });
        return 0;
    }

    /** {@code bench scale --format csv|json}: the same measurements as one table, progress on stderr. */
    private static int scaleTable(int[] counts, long seconds, int idle, int workers, TableFormat format,
                                  CommandContext context) {
        Table table = new Table("scale", String.format("N idle VMs, %d worker(s), %d s each", workers, seconds),
            List.of("VMs", "heap per VM out of memory B", "heap per admitted VM B", "instantiate per VM us", "quanta",
                "ns per VM switch", "run s", "result"));
        new ScaleBenchmark(seconds * 1_000_000_000L, idle, workers).run(counts, r -> {
            context.err().printf("denali bench scale: %,d VMs: %s%n", r.vms(), r.note());
            table.add(r.vms(), r.heapBytesPerVm(), r.heapBytesPerAdmittedVm(), r.instantiateMicrosPerVm(), r.quanta(),
                r.nanosPerSwitch(), r.runSeconds(), r.note());
        });
        context.out().print(format.format(table));
        return 0;
    }

    static final String FORMAT_USAGE = """
              Every benchmark takes --format text|csv|json (default text): its result table as Markdown, CSV (units
              in the column names) or JSON; progress lines go to stderr for csv and json.
            """;

    /** Removes {@code --format F} / {@code --format=F} from {@code args}; text when absent. */
    static TableFormat takeFormat(List<String> args) throws UsageException {
        TableFormat format = TableFormat.TEXT;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value;
            if (arg.equals("--format")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--format expects text, csv or json");
                }
                value = args.remove(i + 1);
            } else if (arg.startsWith("--format=")) {
                value = arg.substring("--format=".length());
            } else {
                continue;
            }
            args.remove(i--);
            try {
                format = TableFormat.of(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return format;
    }

    /**
     * {@code bench cpu}: guest MIPS of the interpreter and of the compiler, run after run in the same minutes, then
     * the same program natively and under qemu-i386, and a table of all four with their ratios.
     */
    private int cpu(Arguments parsed, TableFormat format, CommandContext context) throws UsageException {
        List<Path> scratch = new ArrayList<>();
        try {
            return cpu(parsed, format, context, scratch);
        } finally {
            for (Path file : scratch) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    context.err().println("denali bench: cannot delete " + file + ": " + e.getMessage());
                }
            }
        }
    }

    /** {@code bench cpu}; temporary files it makes are added to {@code scratch}. */
    private int cpu(Arguments parsed, TableFormat format, CommandContext context, List<Path> scratch)
            throws UsageException {
        List<String> positional = parsed.positional();
        if (positional.size() > 2) {
            throw new UsageException("expected 'bench cpu [loop|call|mix|FILE]', got " + positional);
        }
        for (String scaleOption : List.of("counts", "seconds", "idle-us", "workers")) {
            if (!parsed.option(scaleOption, "").isEmpty()) {
                throw new UsageException("--" + scaleOption + " belongs to 'bench scale'");
            }
        }
        String which = positional.size() == 2 ? positional.get(1) : "loop";
        boolean handEncoded = which.equals("loop") || which.equals("call");
        long instructions = parsed.longOption("instructions", handEncoded ? 1_000_000_000L : 10_000_000_000L);
        long repeat = parsed.longOption("repeat", 5);
        long rounds = parsed.longOption("rounds", MIX_ROUNDS);
        long threshold = parsed.longOption("jit-threshold", TraceJit.DEFAULT_THRESHOLD);
        String engines = parsed.option("engine", "both");
        if (instructions < 1 || repeat < 1 || repeat > 1000 || rounds < 1 || rounds > 100_000 || threshold < 0
                || threshold > Integer.MAX_VALUE) {
            context.err().println("denali bench: --instructions and --rounds must be positive, --repeat between 1 "
                + "and 1000, --jit-threshold at least 0");
            return 2;
        }
        if (!List.of("both", "interpreter", "compiler").contains(engines)) {
            throw new UsageException("--engine expects interpreter, compiler or both, got " + engines);
        }
        BenchGuest guest;
        try {
            guest = switch (which) {
                case "loop" -> BenchGuest.loop(instructions);
                case "call" -> BenchGuest.call(instructions);
                case "mix" -> mixGuest((int) rounds, scratch);
                default -> loadGuest(context.resolve(which));
            };
        } catch (IOException | ElfFormatException | ProjectException e) {
            context.err().println("denali bench: cannot load " + which + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        // csv/json: the per-run lines are progress (stderr); the table of every run is the result (stdout)
        PrintStream out = format == TableFormat.TEXT ? context.out() : context.err();
        Table runs = new Table("cpu", "Guest MIPS per run: " + guest.name(), List.of("engine", "run",
            "instructions", "wall s", "wall MIPS", "thread CPU s", "thread CPU MIPS", "compiled %"));
        List<Engine> runOn = new ArrayList<>();
        if (!engines.equals("compiler")) {
            runOn.add(new Engine("interpreter", null));
        }
        if (!engines.equals("interpreter")) {
            runOn.add(new Engine("compiler", new TraceJit((int) threshold)));
        }
        out.printf("CPU %s, guest %s, %s, %d run(s) per engine in one JVM (the first include JIT warm-up); "
                + "load average %s%n", engines.equals("both") ? "interpreter and compiler" : engines, guest.name(),
            handEncoded ? String.format("%,d instructions per run", instructions)
                : String.format("until terminate or %,d instructions", instructions), repeat, loadAverage());
        List<String> missing = InterpreterJvmOptions.missingFromThisJvm();
        out.println(missing.isEmpty() ? "JVM options: " + InterpreterJvmOptions.recommended()
            : "JVM options: started without " + missing + " (see interpreter.jvm-options): expect lower numbers");
        CpuBenchmark.Measurement last = null;
        for (int i = 0; i < repeat; i++) {
            for (Engine engine : runOn) {
                // the loops end in terminate after about N instructions; a FILE is cut off at N
                last = CpuBenchmark.measure(guest, handEncoded ? Long.MAX_VALUE : instructions, engine.compiler);
                if (!last.completed()) {
                    context.err().printf("denali bench: the guest stopped after %,d instructions: %s%n",
                        last.instructions(), last.result());
                    return 1;
                }
                engine.cpuMips[i] = last.cpuMips();
                runs.add(engine.name, i + 1, last.instructions(), last.wallNanos() / 1e9, last.wallMips(),
                    last.cpuNanos() / 1e9, last.cpuMips(),
                    engine.compiler == null ? 0.0 : 100.0 * last.compiled() / last.instructions());
                out.printf("%-11s run %d: %,d instructions in %.3f s = %,.0f MIPS (thread CPU %.3f s = %,.0f MIPS)"
                        + "%s%n", engine.name, i + 1, last.instructions(), last.wallNanos() / 1e9, last.wallMips(),
                    last.cpuNanos() / 1e9, last.cpuMips(), engine.compiler == null ? ""
                        : String.format("; %.0f%% compiled", 100.0 * last.compiled() / last.instructions()));
                out.flush();
            }
        }
        if (!handEncoded && last.result().reason() == StopReason.TERMINATED) {
            out.printf("guest exit value (terminate's eax): %d%n", last.result().value());
        }
        for (Engine engine : runOn) {
            engine.summary = summarize(engine.cpuMips);
            if (repeat > 1) {
                // Steady state: C2 recompiles as the profile widens, so early runs are not representative.
                int skip = (int) Math.max(1, repeat / 2);
                out.printf("%-11s runs %d-%d, thread CPU: %,.0f-%,.0f MIPS, median %,.0f%n", engine.name, skip + 1,
                    repeat, engine.summary[0], engine.summary[2], engine.summary[1]);
            }
        }
        for (Engine engine : runOn) {
            if (engine.compiler instanceof TraceJit jit) {
                TraceJit.Statistics st = jit.statistics();
                out.printf("compiler: %,d regions compiled (%,d alive), %,d KB of class files, %.0f ms translating; "
                        + "metaspace %,d KB in use%n", st.blocks(), st.alive(), st.classBytes() >> 10,
                    st.compileNanos() / 1e6, metaspaceBytes() >> 10);
            }
        }
        if (!parsed.has("no-compare")) {
            // the loops exit 0; the mixed guest's exit status is its checksum, as terminate's value in the emulator
            int expectedExit = handEncoded ? 0 : last.result().value() & 0xFF;
            // the mix's image (in scratch) is also run whole by `denali run`, as qemu-i386 runs the Linux build
            Optional<WholeRun> whole = scratch.isEmpty() ? Optional.empty()
                : Optional.of(new WholeRun(scratch.get(0), (int) threshold));
            compare(guest, last.instructions(), runOn, out, expectedExit, whole);
        }
        if (format != TableFormat.TEXT) {
            context.out().print(format.format(runs));
        }
        return 0;
    }

    /** Rounds of the mixed guest by default: about 415 M instructions (6.9 M per round). */
    private static final long MIX_ROUNDS = 60;

    /** An engine of the benchmark and its per-run thread-CPU MIPS. */
    private static final class Engine {
        final String name;
        final TraceCompiler compiler;
        final double[] cpuMips = new double[1000];
        double[] summary;
        /** Guest instructions per second of process CPU time of one whole `denali run`, if measured. */
        double wholeRunMips;

        Engine(String name, TraceCompiler compiler) {
            this.name = name;
            this.compiler = compiler;
        }
    }

    /** Minimum, median and maximum thread-CPU MIPS over the later half of the runs (all of them for one run). */
    private static double[] summarize(double[] all) {
        int n = 0;
        while (n < all.length && all[n] > 0) {
            n++;
        }
        int skip = n > 1 ? Math.max(1, n / 2) : 0;
        double[] later = Arrays.copyOfRange(all, skip, n);
        Arrays.sort(later);
        return new double[] {later[0], later[later.length / 2], later[later.length - 1]};
    }

    private static long metaspaceBytes() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getName().equals("Metaspace")).mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "unknown" : String.format("%.2f", load);
    }

    /**
     * The mixed C guest, built by the SDK (and for Linux) into a fresh temporary directory; a copy of its image is
     * added to {@code scratch} for the whole run.
     */
    private static BenchGuest mixGuest(int rounds, List<Path> scratch)
            throws IOException, InterruptedException, ProjectException, ElfFormatException {
        Path dir = Files.createTempDirectory("denali-bench-mix");
        try {
            MixGuest.Builds builds = MixGuest.build(dir, rounds);
            Path image = Files.createTempFile("denali-bench-mix-", ".elf");
            scratch.add(image);
            Files.copy(builds.image(), image, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return BenchGuest.elf(builds.image()).withLinuxExecutable("mix", builds.linuxExecutable());
        } finally {
            FileTrees.delete(dir);
        }
    }

    /**
     * One {@code denali run} of an image in a fresh JVM (this JVM's java, class path and the interpreter's JVM
     * options): the figure comparable to qemu-i386's, whose process time includes its translation.
     */
    private record WholeRun(Path image, int threshold) {
        List<String> command(boolean compiler) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(InterpreterJvmOptions.recommended());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DenaliCli.class.getName(), "run",
                image.toString()));
            command.addAll(compiler ? List.of("--jit", "on", "--jit-threshold", Integer.toString(threshold))
                : List.of("--jit", "off"));
            return command;
        }
    }

    /** A Denali ELF image (by its magic number) or else a flat binary. */
    private static BenchGuest loadGuest(Path file) throws IOException, ElfFormatException {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            if (n == 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
                return BenchGuest.elf(file);
            }
        }
        return BenchGuest.flat(file);
    }

    /**
     * The same program natively and under qemu-i386 (wall time, process start-up included; CPU time where the
     * kernel reports it), then a table of every engine's MIPS with its ratio to native and to qemu-i386.
     */
    private static void compare(BenchGuest guest, long instructions, List<Engine> engines, PrintStream out,
                                int expectedExit, Optional<WholeRun> whole) {
        Optional<byte[]> executable = guest.linuxExecutable();
        if (executable.isEmpty()) {
            out.println("compare: only the loop, call and mix benchmarks have a native build; skipped");
            return;
        }
        Optional<Path> qemu = NativeRun.qemu();
        double nativeMips;
        double qemuMips = 0;
        try {
            NativeRun.Timing host = NativeRun.run(executable.get(), Optional.empty());
            out.println(describe("native:   ", instructions, host, expectedExit));
            nativeMips = host.cpuNanos() > 0 ? host.cpuMips(instructions) : host.mips(instructions);
            if (qemu.isEmpty()) {
                out.println("qemu-i386: not installed (Debian package qemu-user); skipped");
            } else {
                NativeRun.Timing emulated = NativeRun.run(executable.get(), qemu);
                out.println(describe("qemu-i386:", instructions, emulated, expectedExit));
                qemuMips = emulated.cpuNanos() > 0 ? emulated.cpuMips(instructions) : emulated.mips(instructions);
            }
            if (whole.isPresent()) {
                for (Engine engine : engines) {
                    NativeRun.Timing t = NativeRun.time(whole.get().command(engine.compiler != null));
                    out.println(describe(String.format("%-10s", engine.name + ":"), instructions, t, expectedExit)
                        .replace("process start included", "one `denali run`: JVM start-up and compilation included"));
                    if (t.exitCode() == expectedExit) { // else the line above says what it exited with
                        engine.wholeRunMips = t.cpuNanos() > 0 ? t.cpuMips(instructions) : t.mips(instructions);
                    }
                }
            }
        } catch (IOException e) {
            out.println("compare: cannot run the native build: " + e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("compare: interrupted");
            return;
        }
        out.println();
        out.println("| engine | MIPS (CPU time) | vs native | vs qemu-i386 |");
        out.println("|---|---:|---:|---:|");
        for (Engine engine : engines) {
            double mips = engine.summary[1];
            out.printf("| %s | %,.0f | %s | %s |%n", engine.name, mips, ratio(mips, nativeMips),
                ratio(mips, qemuMips));
        }
        for (Engine engine : engines) {
            if (engine.wholeRunMips > 0) {
                // qemu-i386's figure is a whole process too: its translation is in its CPU time
                out.printf("| %s, one whole run | %,.0f | %s | %s |%n", engine.name, engine.wholeRunMips,
                    ratio(engine.wholeRunMips, nativeMips), ratio(engine.wholeRunMips, qemuMips));
            }
        }
        out.printf("| native | %,.0f | 1 | %s |%n", nativeMips, ratio(nativeMips, qemuMips));
        if (qemuMips > 0) {
            out.printf("| qemu-i386 | %,.0f | %s | 1 |%n", qemuMips, ratio(qemuMips, nativeMips));
        }
    }

    private static String ratio(double mips, double base) {
        return base <= 0 ? "" : String.format("%.3f", mips / base);
    }

    /** One timing line: wall MIPS (start-up included) and, where known, MIPS over the process's CPU time. */
    private static String describe(String what, long instructions, NativeRun.Timing t, int expectedExit) {
        String cpu = t.cpuNanos() > 0 ? String.format("; CPU %.2f s = %,.0f MIPS", t.cpuNanos() / 1e9,
            t.cpuMips(instructions)) : "";
        return String.format("%s %,d instructions in %.3f s = %,.0f MIPS (wall, process start included%s)%s",
            what, instructions, t.wallNanos() / 1e9, t.mips(instructions), cpu,
            t.exitCode() == expectedExit ? "" : " exit status " + t.exitCode() + ", expected " + expectedExit + "!");
    }
}
