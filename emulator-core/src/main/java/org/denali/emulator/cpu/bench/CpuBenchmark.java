package org.denali.emulator.cpu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.denali.emulator.arch.MemoryMap;
import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.CpuHost;
import org.denali.emulator.cpu.RunResult;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.memory.PagedMemory;
import org.denali.emulator.memory.PageProvider;

/**
 * Guest MIPS of the interpreter on the loops of docs/performance (anchors B1): {@code loop} = add; mov [esi],eax;
 * mov edx,[esi]; xor; dec; jnz and {@code call} = call f; dec; jnz with f = push ebp; mov ebp,esp; add; pop ebp;
 * ret. Or {@code flat FILE} runs a flat binary loaded at the link base until it executes terminate.
 *
 * <p>Usage: {@code CpuBenchmark [loop|call|flat FILE] [iterations] [repetitions]}.
 */
public final class CpuBenchmark {
    private static final int BASE = MemoryMap.LINK_BASE;
    /** Instructions per {@link Cpu#run} call: the scheduler quantum (set with -Dbench.quantum). */
    private static final long QUANTUM = Long.getLong("bench.quantum", 100_000L);
    private static final java.lang.management.ThreadMXBean THREADS =
        java.lang.management.ManagementFactory.getThreadMXBean();

    private CpuBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args.length > 0 ? args[0] : "loop";
        int argIndex = kind.equals("flat") ? 2 : 1;
        long iterations = args.length > argIndex ? Long.parseLong(args[argIndex]) : 100_000_000L;
        int repetitions = args.length > argIndex + 1 ? Integer.parseInt(args[argIndex + 1]) : 5;
        byte[] code = switch (kind) {
            case "loop" -> loop((int) iterations);
            case "call" -> call((int) iterations);
            case "flat" -> Files.readAllBytes(Path.of(args[1]));
            default -> throw new IllegalArgumentException("unknown benchmark " + kind);
        };
        for (int i = 0; i < repetitions; i++) {
            PagedMemory memory = new PagedMemory(MemoryMap.DEFAULT_MEMORY_SIZE, PageProvider.ZERO_FILL);
            memory.writeBytes(BASE, code, 0, code.length);
            Cpu cpu = new Cpu(memory, CpuHost.NONE);
            cpu.setEip(BASE);
            cpu.setRegister(Registers.ESP, MemoryMap.DEFAULT_MEMORY_SIZE - 16);
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            RunResult result = runInQuanta(cpu, QUANTUM);
            long nanos = System.nanoTime() - start;
            long cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
            if (result.reason() != StopReason.TERMINATED) {
                throw new IllegalStateException("benchmark did not terminate: " + result);
            }
            // Thread CPU time is reported too: on a shared machine wall time includes time the thread waited.
            System.out.printf("%s run %d: %,d instructions in %.3f s = %.0f MIPS (thread CPU %.3f s = %.0f MIPS)%n",
                kind, i + 1, result.instructions(), nanos / 1e9, result.instructions() * 1e3 / nanos,
                cpuNanos / 1e9, result.instructions() * 1e3 / cpuNanos);
        }
    }

    /** Runs like the kernel's scheduler: in quanta of {@code quantum} instructions until the guest stops. */
    private static RunResult runInQuanta(Cpu cpu, long quantum) {
        long total = 0;
        while (true) {
            RunResult r = cpu.run(quantum);
            total += r.instructions();
            if (r.reason() != StopReason.BUDGET_EXHAUSTED) {
                return new RunResult(r.reason(), total, r.value(), r.fault());
            }
        }
    }

    /** mov ecx,N; mov esi,0x200000; 1: add eax,ecx; mov [esi],eax; mov edx,[esi]; xor ebx,edx; dec ecx; jnz 1b. */
    static byte[] loop(int iterations) {
        Code c = new Code();
        c.bytes(0xB9).int32(iterations).bytes(0xBE).int32(0x20_0000);
        c.bytes(0x01, 0xC8, 0x89, 0x06, 0x8B, 0x16, 0x31, 0xD3, 0x49, 0x75, 0xF5);
        c.bytes(0x0F, 0x0C); // terminate
        return c.toArray();
    }

    /** mov ecx,N; 1: call f; dec ecx; jnz 1b; terminate; f: push ebp; mov ebp,esp; add eax,ecx; pop ebp; ret. */
    static byte[] call(int iterations) {
        Code c = new Code();
        c.bytes(0xB9).int32(iterations);
        c.bytes(0xE8).int32(5); // call f (skips dec, jnz, terminate: 1 + 2 + 2 bytes)
        c.bytes(0x49, 0x75, 0xF8); // dec ecx; jnz back to the call (-8)
        c.bytes(0x0F, 0x0C);
        c.bytes(0x55, 0x89, 0xE5, 0x01, 0xC8, 0x5D, 0xC3);
        return c.toArray();
    }

    /** A tiny byte buffer for hand-encoded loops. */
    private static final class Code {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Code bytes(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        Code int32(int v) {
            return bytes(v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }
}
