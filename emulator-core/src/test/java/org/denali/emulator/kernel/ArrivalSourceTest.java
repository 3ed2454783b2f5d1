package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.denali.emulator.kernel.KernelTesting.kernel;
import static org.denali.emulator.kernel.KernelTesting.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.kernel.KernelTesting.QuantumRecord;
import org.denali.emulator.kernel.KernelTesting.Trace;
import org.junit.jupiter.api.Test;

/**
 * Input from outside the kernel arriving at virtual times: an arrival cuts the running VM's quantum at its exact
 * time; batched delivery lets that VM go on with the rest of its quantum, synchronous delivery runs the target
 * next; and a source that knows its arrivals only so far pauses the kernel there without changing the run.
 */
class ArrivalSourceTest {
    private static final long QUANTUM = 100_000;
    /** When the frame for the sleeper arrives: in the middle of the spinner's first quantum. */
    private static final long ARRIVAL = 50_000;

    /** Idles until an interrupt wakes it, then terminates with 0. */
    private static final String SLEEPER = """
            mov $-1, %eax
            denali_idle
            exit 0
        """;
    /** 600,001 instructions: six quanta and a bit, never idle. */
    private static final String SPINNER = """
            mov $300000, %ecx
        1:  dec %ecx
            jnz 1b
            exit 0
        """;

    /** Arrivals at fixed virtual times, each raising NIC_RECEIVE of one VM; known up to {@code knownUntil}. */
    private static final class ScriptedArrivals implements ArrivalSource {
        final Kernel kernel;
        final List<long[]> pending = new ArrayList<>(); // {atNanos, vmId}
        final List<Long> deliveredAt = new ArrayList<>();
        long knownUntil = Long.MAX_VALUE;

        ScriptedArrivals(Kernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public long nextArrivalNanos() {
            return pending.isEmpty() ? Long.MAX_VALUE : pending.get(0)[0];
        }

        @Override
        public long knownUntilNanos() {
            return knownUntil;
        }

        @Override
        public void deliverDue(long nowNanos) {
            while (!pending.isEmpty() && pending.get(0)[0] <= nowNanos) {
                deliveredAt.add(nowNanos);
                kernel.raise((int) pending.remove(0)[1], InterruptLines.NIC_RECEIVE);
            }
        }
    }

    private record Run(Trace trace, ScriptedArrivals arrivals, int sleeper, int spinner) {
    }

    private static Run run(boolean synchronous) throws Exception {
        Kernel kernel = kernel(deterministic(QUANTUM).withSynchronousInterrupts(synchronous));
        Trace trace = new Trace();
        kernel.observe(trace);
        int sleeper = vm(kernel, Guests.image(SLEEPER)).id();
        int spinner = vm(kernel, Guests.image(SPINNER)).id();
        ScriptedArrivals arrivals = new ScriptedArrivals(kernel);
        arrivals.pending.add(new long[] {ARRIVAL, sleeper});
        kernel.arrivals(arrivals);
        kernel.run();
        return new Run(trace, arrivals, sleeper, spinner);
    }

    @Test
    void batchedTheArrivalIsDeliveredAtItsTimeAndTheRunningVmFinishesItsQuantum() throws Exception {
        Run run = run(false);
        List<QuantumRecord> q = run.trace().quanta;
        assertEquals(List.of(ARRIVAL), run.arrivals().deliveredAt, "delivered at the arrival's exact virtual time");
        assertEquals(run.sleeper(), q.get(0).vmId());
        assertEquals(StopReason.IDLE, q.get(0).reason());
        long sleeperIdleAt = q.get(0).clockNanos();
        // the spinner's quantum was cut at the arrival and went on: one whole quantum for the scheduler
        assertEquals(run.spinner(), q.get(1).vmId());
        assertEquals(QUANTUM, q.get(1).instructions());
        assertEquals(sleeperIdleAt + QUANTUM, q.get(1).clockNanos());
        // only then the woken sleeper (compensated: first in line), which terminates
        assertEquals(run.sleeper(), q.get(2).vmId());
        assertEquals(StopReason.TERMINATED, q.get(2).reason());
    }

    @Test
    void synchronousTheArrivalPreemptsTheRunningVmAtItsExactTime() throws Exception {
        Run run = run(true);
        List<QuantumRecord> q = run.trace().quanta;
        assertEquals(List.of(ARRIVAL), run.arrivals().deliveredAt);
        long sleeperIdleAt = q.get(0).clockNanos();
        assertEquals(run.spinner(), q.get(1).vmId());
        assertEquals(ARRIVAL - sleeperIdleAt, q.get(1).instructions(), "cut where the arrival came");
        assertEquals(ARRIVAL, q.get(1).clockNanos());
        assertEquals(run.sleeper(), q.get(2).vmId(), "the target runs next");
        assertEquals(StopReason.TERMINATED, q.get(2).reason());
        assertEquals(run.spinner(), q.get(3).vmId());
        assertEquals(QUANTUM, q.get(3).instructions(), "the preempted VM starts a new quantum");
    }

    @Test
    void bothPoliciesRetireTheSameInstructions() throws Exception {
        assertEquals(total(run(false).trace()), total(run(true).trace()));
    }

    private static long total(Trace trace) {
        return trace.quanta.stream().mapToLong(QuantumRecord::instructions).sum();
    }

    /**
     * A source that knows its arrivals only up to some time (a peer run in lockstep) pauses the kernel there; run
     * again as the knowledge grows, the kernel goes through exactly the quanta of a run that never paused.
     */
    @Test
    void aKernelPausedWhereItsArrivalsAreKnownGoesOnAsIfNeverPaused() throws Exception {
        List<QuantumRecord> straight = run(true).trace().quanta;

        Kernel kernel = kernel(deterministic(QUANTUM).withSynchronousInterrupts(true));
        Trace trace = new Trace();
        kernel.observe(trace);
        int sleeper = vm(kernel, Guests.image(SLEEPER)).id();
        vm(kernel, Guests.image(SPINNER));
        ScriptedArrivals arrivals = new ScriptedArrivals(kernel);
        arrivals.pending.add(new long[] {ARRIVAL, sleeper});
        kernel.arrivals(arrivals);
        int pauses = 0;
        for (long known = QUANTUM / 4; kernel.liveVmCount() > 0; known += QUANTUM / 4) {
            arrivals.knownUntil = known;
            kernel.run();
            if (kernel.liveVmCount() > 0) {
                pauses++;
                assertTrue(kernel.nowNanos() <= known, "the kernel passed what its source knew: "
                    + kernel.nowNanos() + " > " + known);
            }
        }
        assertTrue(pauses >= 20, "paused " + pauses + " times");
        assertEquals(straight, trace.quanta);
    }

    @Test
    void arrivalsNeedTheDeterministicClockAndRefuseCheckpoints() {
        Kernel realTime = kernel(KernelConfig.defaults());
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> realTime.arrivals(new ScriptedArrivals(realTime)));
        assertTrue(e.getMessage().contains("deterministic"), e.getMessage());
        Kernel deterministic = kernel(deterministic(QUANTUM));
        deterministic.arrivals(new ScriptedArrivals(deterministic));
        CheckpointException refused = assertThrows(CheckpointException.class, deterministic::checkpoint);
        assertTrue(refused.getMessage().contains("arrivals"), refused.getMessage());
    }
}
