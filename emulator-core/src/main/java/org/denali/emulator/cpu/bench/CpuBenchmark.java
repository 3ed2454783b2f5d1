package org.denali.emulator.cpu.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.InterpreterJvmOptions;
import org.denali.emulator.cpu.RunResult;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.TraceCompiler;
import org.denali.emulator.cpu.jit.TraceJit;
import org.denali.emulator.elf.ElfFormatException;

/**
 * Guest MIPS of the interpreter on a {@link BenchGuest}: the loops of docs/performance (anchors B1), a Denali ELF
 * image or a flat binary. The guest runs in scheduler-sized quanta until it stops (terminate) or reaches the
 * instruction limit; MIPS are reported over wall time and over the benchmark thread's CPU time (on a shared
 * machine wall time includes time the thread waited for a core).
 *
 * <p>Command line (kept for the commands in docs/performance.md): {@code CpuBenchmark [loop|call|flat FILE|elf FILE]
 * [iterations] [repetitions]}; {@code denali bench cpu} is the user-facing form.
 */
public final class CpuBenchmark {
    /** Instructions per {@link Cpu#run} call: the scheduler quantum (set with -Dbench.quantum). */
    private static final long QUANTUM = Long.getLong("bench.quantum", 100_000L);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuBenchmark() {
    }

    /**
     * One run of a guest.
     *
     * @param instructions guest instructions retired
     * @param wallNanos elapsed wall-clock time
     * @param cpuNanos CPU time of the running thread
     * @param result how the guest stopped (TERMINATED, or BUDGET_EXHAUSTED at the instruction limit)
     * @param compiled of the instructions, those compiled code retired
     */
    public record Measurement(long instructions, long wallNanos, long cpuNanos, RunResult result, long compiled) {
        public double wallMips() {
            return instructions * 1e3 / Math.max(1, wallNanos);
        }

        public double cpuMips() {
            return instructions * 1e3 / Math.max(1, cpuNanos);
        }

        /** True if the guest terminated or used up the instruction limit, not stopped by a fault or idle. */
        public boolean completed() {
            return result.reason() == StopReason.TERMINATED || result.reason() == StopReason.BUDGET_EXHAUSTED;
        }
    }

    /** Runs {@code guest} on a fresh CPU until it stops or has executed {@code maxInstructions}. */
    public static Measurement measure(BenchGuest guest, long maxInstructions) {
        return measure(guest, maxInstructions, null);
    }

    /** Runs {@code guest} on a fresh CPU with {@code compiler} (null: interpreter only). */
    public static Measurement measure(BenchGuest guest, long maxInstructions, TraceCompiler compiler) {
        Cpu cpu = guest.newCpu();
        cpu.setCompiler(compiler);
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        RunResult result = runInQuanta(cpu, QUANTUM, maxInstructions);
        long nanos = System.nanoTime() - start;
        long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        return new Measurement(result.instructions(), nanos, cpuNanos, result, cpu.instructionsCompiled());
    }

    public static void main(String[] args) throws IOException, ElfFormatException {
        String kind = args.length > 0 ? args[0] : "loop";
        int argIndex = kind.equals("flat") || kind.equals("elf") ? 2 : 1;
        long iterations = args.length > argIndex ? Long.parseLong(args[argIndex]) : 100_000_000L;
        int repetitions = args.length > argIndex + 1 ? Integer.parseInt(args[argIndex + 1]) : 5;
        BenchGuest guest = switch (kind) {
            case "loop" -> BenchGuest.loop(iterations * 6);
            case "call" -> BenchGuest.call(iterations * 8);
            case "flat" -> BenchGuest.flat(Path.of(args[1]));
            case "elf" -> BenchGuest.elf(Path.of(args[1]));
            default -> throw new IllegalArgumentException("unknown benchmark " + kind);
        };
        List<String> missing = InterpreterJvmOptions.missingFromThisJvm();
        if (!missing.isEmpty()) {
            System.out.println("JVM started without " + missing + " (see interpreter.jvm-options): expect lower numbers");
        }
        Integer jitThreshold = Integer.getInteger("bench.jit");
        TraceCompiler compiler = jitThreshold == null ? null : new TraceJit(jitThreshold);
        for (int i = 0; i < repetitions; i++) {
            Measurement m = measure(guest, Long.MAX_VALUE, compiler);
            if (m.result().reason() != StopReason.TERMINATED) {
                throw new IllegalStateException("benchmark did not terminate: " + m.result());
            }
            System.out.printf("%s run %d: %,d instructions in %.3f s = %.0f MIPS (thread CPU %.3f s = %.0f MIPS)%n",
                kind, i + 1, m.instructions(), m.wallNanos() / 1e9, m.wallMips(), m.cpuNanos() / 1e9, m.cpuMips());
        }
    }

    /** Runs like the kernel's scheduler: in quanta of {@code quantum} instructions until the guest stops. */
    private static RunResult runInQuanta(Cpu cpu, long quantum, long maxInstructions) {
        long total = 0;
        while (true) {
            RunResult r = cpu.run(Math.min(quantum, maxInstructions - total));
            total += r.instructions();
            if (r.reason() != StopReason.BUDGET_EXHAUSTED || total >= maxInstructions) {
                return new RunResult(r.reason(), total, r.value(), r.fault());
            }
        }
    }
}
