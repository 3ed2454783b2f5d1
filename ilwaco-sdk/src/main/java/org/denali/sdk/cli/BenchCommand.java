package org.denali.sdk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.denali.emulator.cpu.InterpreterJvmOptions;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.bench.BenchGuest;
import org.denali.emulator.cpu.bench.CpuBenchmark;
import org.denali.emulator.cpu.bench.NativeRun;
import org.denali.emulator.elf.ElfFormatException;
import org.denali.emulator.kernel.bench.ScaleBenchmark;

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
        return "benchmarks (scale: many idle VMs on the isolation kernel; cpu: interpreter MIPS; gdb: step round trip;"
            + " hostile: isolation soak)";
    }

    @Override
    public String usage() {
        return """
            usage: denali bench scale [--counts 1000,10000,100000] [--seconds 3] [--idle-us 1000] [--workers N]
              Instantiates N guests that loop on idle with a timeout, runs them for --seconds, and reports the
              host heap per VM, the cost of one VM switch (wall ns per quantum) and how far it got before the
              heap bound. Give the JVM more heap (DENALI_JAVA_OPTS=-Xmx8g) to reach larger N.
                   denali bench cpu [loop|call|FILE] [--instructions N] [--repeat R] [--compare]
              Guest MIPS of the CPU interpreter on one core: 'loop' (add; mov [esi],eax; mov edx,[esi]; xor;
              dec; jnz), 'call' (call f; dec; jnz with f = push ebp; mov ebp,esp; add; pop ebp; ret) or FILE
              (a Denali ELF image, or a flat binary loaded at 0x100000, ending in terminate). Each of the R runs
              (default 5) executes about N instructions (default 1,000,000,000; FILE runs until terminate or N).
              MIPS over wall time and over the thread's CPU time; the summary covers the later half of the runs
              (the first ones include JIT compilation and recompilation).
              --compare also times the same loop natively and under qemu-i386 (if installed).
            """ + GdbStepBenchmark.USAGE + HostileBench.USAGE;
    }

    @Override
    public int run(List<String> args, CommandContext context) throws UsageException {
        if (!args.isEmpty() && args.get(0).equals("gdb")) {
            return GdbStepBenchmark.run(args.subList(1, args.size()), context);
        }
        if (!args.isEmpty() && args.get(0).equals("hostile")) {
            return HostileBench.run(args.subList(1, args.size()), context);
        }
        Arguments parsed = Arguments.parse(args, Set.of("counts", "seconds", "idle-us", "workers", "instructions",
            "repeat"), Set.of("compare"));
        List<String> positional = parsed.positional();
        if (!positional.isEmpty() && positional.get(0).equals("cpu")) {
            return cpu(parsed, context);
        }
        if (positional.size() != 1 || !positional.get(0).equals("scale")) {
            throw new UsageException("expected the benchmark name 'scale', 'cpu', 'gdb' or 'hostile'" + (positional.isEmpty() ? ""
                : ", got " + positional));
        }
        if (parsed.has("compare") || !parsed.option("instructions", "").isEmpty()
                || !parsed.option("repeat", "").isEmpty()) {
            throw new UsageException("--instructions, --repeat and --compare belong to 'bench cpu'");
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
        out.println("| VMs | heap per VM out of memory | heap per admitted VM | instantiate per VM | quanta "
            + "| ns per VM switch | result |");
        out.println("|---:|---:|---:|---:|---:|---:|---|");
        new ScaleBenchmark(seconds * 1_000_000_000L, (int) idle, (int) workers).run(counts, r -> {
            if (r.completed()) {
                out.printf("| %,d | %,d B | %,d B | %.1f µs | %,d | %,.0f | ran %.1f s: %s |%n", r.vms(),
                    r.heapBytesPerVm(), r.heapBytesPerAdmittedVm(), r.instantiateMicrosPerVm(), r.quanta(), r.nanosPerSwitch(), r.runSeconds(), r.note());
            } else {
                out.printf("| %,d | | | | | | %s |%n", r.vms(), r.note());
            }
            out.flush();
        });
        return 0;
    }

    /** {@code bench cpu}: guest MIPS of the interpreter, then (with --compare) native and qemu-i386 timings. */
    private int cpu(Arguments parsed, CommandContext context) throws UsageException {
        List<String> positional = parsed.positional();
        if (positional.size() > 2) {
            throw new UsageException("expected 'bench cpu [loop|call|FILE]', got " + positional);
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
        if (instructions < 1 || repeat < 1 || repeat > 1000) {
            context.err().println("denali bench: --instructions must be positive and --repeat between 1 and 1000");
            return 2;
        }
        BenchGuest guest;
        try {
            guest = switch (which) {
                case "loop" -> BenchGuest.loop(instructions);
                case "call" -> BenchGuest.call(instructions);
                default -> loadGuest(context.resolve(which));
            };
        } catch (IOException | ElfFormatException e) {
            context.err().println("denali bench: cannot load " + which + ": " + e.getMessage());
            return 1;
        }
        PrintStream out = context.out();
        out.printf("CPU interpreter, guest %s, %s, %d run(s) in one JVM (the first include JIT warm-up)%n",
            guest.name(), handEncoded ? String.format("%,d instructions per run", instructions)
                : String.format("until terminate or %,d instructions", instructions), repeat);
        List<String> missing = InterpreterJvmOptions.missingFromThisJvm();
        out.println(missing.isEmpty() ? "JVM options: " + InterpreterJvmOptions.recommended()
            : "JVM options: started without " + missing + " (see interpreter.jvm-options): expect lower numbers");
        CpuBenchmark.Measurement last = null;
        double[] cpuMips = new double[(int) repeat];
        for (int i = 0; i < repeat; i++) {
            // the loops end in terminate after about N instructions; a FILE is cut off at N
            last = CpuBenchmark.measure(guest, handEncoded ? Long.MAX_VALUE : instructions);
            if (!last.completed()) {
                context.err().printf("denali bench: the guest stopped after %,d instructions: %s%n",
                    last.instructions(), last.result());
                return 1;
            }
            cpuMips[i] = last.cpuMips();
            out.printf("run %d: %,d instructions in %.3f s = %,.0f MIPS (thread CPU %.3f s = %,.0f MIPS)%n", i + 1,
                last.instructions(), last.wallNanos() / 1e9, last.wallMips(), last.cpuNanos() / 1e9, last.cpuMips());
            out.flush();
        }
        if (!handEncoded && last.result().reason() == StopReason.TERMINATED) {
            out.printf("guest exit value (terminate's eax): %d%n", last.result().value());
        }
        if (repeat > 1) {
            // Steady state: C2 recompiles the run loop as the profile widens, so early runs are not representative.
            int skip = (int) Math.max(1, repeat / 2);
            double[] later = Arrays.copyOfRange(cpuMips, skip, cpuMips.length);
            Arrays.sort(later);
            out.printf("runs %d-%d, thread CPU: %,.0f-%,.0f MIPS, median %,.0f%n", skip + 1, repeat, later[0],
                later[later.length - 1], later[later.length / 2]);
        }
        if (parsed.has("compare")) {
            compare(guest, last.instructions(), out);
        }
        return 0;
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

    /** The same instructions natively and under qemu-i386 (wall time, process start-up included). */
    private static void compare(BenchGuest guest, long instructions, PrintStream out) {
        Optional<byte[]> executable = guest.linuxExecutable();
        if (executable.isEmpty()) {
            out.println("compare: only the loop and call benchmarks have a native build; skipped");
            return;
        }
        Optional<Path> qemu = NativeRun.qemu();
        try {
            NativeRun.Timing host = NativeRun.run(executable.get(), Optional.empty());
            out.println(describe("native:   ", instructions, host));
            if (qemu.isEmpty()) {
                out.println("qemu-i386: not installed (Debian package qemu-user); skipped");
                return;
            }
            NativeRun.Timing emulated = NativeRun.run(executable.get(), qemu);
            out.println(describe("qemu-i386:", instructions, emulated));
        } catch (IOException e) {
            out.println("compare: cannot run the native build: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("compare: interrupted");
        }
    }

    /** One timing line: wall MIPS (start-up included) and, where known, MIPS over the process's CPU time. */
    private static String describe(String what, long instructions, NativeRun.Timing t) {
        String cpu = t.cpuNanos() > 0 ? String.format("; CPU %.2f s = %,.0f MIPS", t.cpuNanos() / 1e9,
            t.cpuMips(instructions)) : "";
        return String.format("%s %,d instructions in %.3f s = %,.0f MIPS (wall, process start included%s)%s",
            what, instructions, t.wallNanos() / 1e9, t.mips(instructions), cpu,
            t.exitCode() == 0 ? "" : " exit status " + t.exitCode() + "!");
    }
}
