package org.denali.emulator.cpu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.cpu.decode.Registers;
import org.junit.jupiter.api.Test;

/**
 * The benchmark guests run the instruction counts the MIPS figures are computed from, and their native builds
 * (for {@code denali bench cpu --compare}) are valid Linux executables that run the same loop to its exit.
 * Never asserts a speed.
 */
class BenchGuestTest {
    @Test
    void loopRunsSixInstructionsPerIterationAndItsResultMatchesTheArithmetic() {
        BenchGuest guest = BenchGuest.loop(6_000);
        CpuBenchmark.Measurement m = CpuBenchmark.measure(guest, Long.MAX_VALUE);
        assertEquals(StopReason.TERMINATED, m.result().reason());
        assertEquals(1_000 * 6 + 3, m.instructions()); // mov ecx, mov esi, 1,000 iterations, terminate
        var cpu = guest.newCpu();
        cpu.run(Long.MAX_VALUE);
        // eax = 1000 + 999 + ... + 1; ebx = xor of the running sums; ecx counted down to 0
        assertEquals(500_500, cpu.register(Registers.EAX));
        int ebx = 0;
        for (int n = 1000, sum = 0; n > 0; n--) {
            sum += n;
            ebx ^= sum;
        }
        assertEquals(ebx, cpu.register(Registers.EBX));
        assertEquals(0, cpu.register(Registers.ECX));
    }

    @Test
    void callRunsEightInstructionsPerIteration() {
        CpuBenchmark.Measurement m = CpuBenchmark.measure(BenchGuest.call(8_000), Long.MAX_VALUE);
        assertEquals(StopReason.TERMINATED, m.result().reason());
        assertEquals(1_000 * 8 + 2, m.instructions());
    }

    @Test
    void anInstructionLimitCutsTheRunAtExactlyThatCount() {
        CpuBenchmark.Measurement m = CpuBenchmark.measure(BenchGuest.loop(6_000_000), 250_001);
        assertEquals(StopReason.BUDGET_EXHAUSTED, m.result().reason());
        assertEquals(250_001, m.instructions());
        assertTrue(m.completed());
    }

    @Test
    void theNativeBuildsRunTheLoopsToTheirExitOnTheHostCpu() throws Exception {
        for (BenchGuest guest : new BenchGuest[] {BenchGuest.loop(6_000_000), BenchGuest.call(8_000_000)}) {
            byte[] executable = guest.linuxExecutable().orElseThrow();
            NativeRun.Timing timing = NativeRun.run(executable, Optional.empty());
            assertEquals(0, timing.exitCode(), guest.name() + " native exit status");
            assertTrue(timing.wallNanos() > 0);
            assertTrue(timing.cpuNanos() >= 0, "the wrapping shell reports the program's CPU time");
        }
    }

    @Test
    void theChildCpuTimeIsReadFromTheShellsProcStatLine() {
        // pid (comm with ) and spaces) state ppid ... field 16 cutime = 7, field 17 cstime = 2 (ticks of 10 ms)
        String stat = "1234 (sh) x) S 1 1234 1234 0 -1 4194304 100 200 0 0 0 0 7 2 20 0 1 0 5 0 0\n";
        assertEquals(90_000_000L, NativeRun.childCpuNanos("program output\n" + stat));
        assertEquals(-1, NativeRun.childCpuNanos("no stat line"));
    }
}
