package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.denali.emulator.kernel.KernelTesting.kernel;
import static org.denali.emulator.kernel.KernelTesting.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleTest {
    @Test
    void idleWithTimeoutWakesByTimeoutAfterTheTimeoutInVirtualTime() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = vm(kernel, Guests.image("""
            mov SYSTEM_TIME_US, %esi
            mov $500, %eax
            denali_idle
            cmp $0, %eax              # EAX = WOKE_BY_TIMEOUT
            jne 1f
            cmpl $0, WAKE_REASON
            jne 2f
            mov SYSTEM_TIME_US, %eax
            sub %esi, %eax
            denali_terminate          # exit code = µs that passed
            1: exit 1001
            2: exit 1002
            """));
        KernelStatistics stats = kernel.run();
        int slept = vm.exit().code();
        assertTrue(slept >= 500 && slept < 510, "slept " + slept + " µs");
        assertEquals(1, stats.idleWakesByTimeout());
    }

    @Test
    void idleForeverWakesWhenAnInterruptBecomesPendingEvenWithInterruptsDisabled() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = vm(kernel, Guests.image("""
            mov $300, %eax
            out %eax, $TIMER_ARM
            mov $0xffffffff, %eax
            denali_idle
            cmp $1, %eax              # EAX = WOKE_BY_INTERRUPT
            jne 1f
            cmpl $1, WAKE_REASON
            jne 1f
            mov PENDING_INTERRUPTS, %eax
            denali_terminate          # the timer line is still pending: nobody handled it
            1: exit 99
            """));
        KernelStatistics stats = kernel.run();
        assertEquals(VmExit.terminated(1), vm.exit());
        assertEquals(1, stats.idleWakesByInterrupt());
    }

    @Test
    void anInterruptEndsALongIdleEarly() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = vm(kernel, Guests.image("""
            mov SYSTEM_TIME_US, %esi
            mov $100, %eax
            out %eax, $TIMER_ARM
            mov $1000000, %eax
            denali_idle
            mov SYSTEM_TIME_US, %eax
            sub %esi, %eax
            denali_terminate
            """));
        kernel.run();
        int slept = vm.exit().code();
        assertTrue(slept >= 100 && slept < 200, "slept " + slept + " µs");
    }

    @Test
    void hltIdlesForeverAndEndsTheKernelWhenNothingCanWakeIt() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = vm(kernel, Guests.image("hlt\nexit 0"));
        kernel.run();
        assertEquals(VmExit.Kind.IDLE_FOREVER, vm.exit().kind());
    }

    @Test
    void aWakingVmIsCompensatedByRunningNext() throws Exception {
        KernelTesting.Trace trace = new KernelTesting.Trace();
        Kernel kernel = kernel(deterministic(1000).withMaxInstructionsPerVm(200_000));
        kernel.observe(trace);
        VirtualMachine sleeper = vm(kernel, Guests.image("mov $50, %eax\ndenali_idle\nexit 7"));
        vm(kernel, Guests.image("1: jmp 1b"));
        vm(kernel, Guests.image("1: jmp 1b"));
        kernel.run();
        assertEquals(VmExit.terminated(7), sleeper.exit());

        List<KernelTesting.QuantumRecord> q = trace.quanta;
        assertEquals(sleeper.id(), q.get(0).vmId());
        long deadline = q.get(0).clockNanos() + 50_000;
        int due = 0;
        while (q.get(due).clockNanos() < deadline) {
            due++;
        }
        assertEquals(sleeper.id(), q.get(due + 1).vmId(),
            "the quantum after the timeout passed goes to the waking VM, ahead of round-robin order");
        assertEquals(1, q.stream().filter(r -> r.vmId() == sleeper.id() && r.instructions() > 0).count() - 1);
    }

    @Test
    void idleZeroYieldsWithoutLeavingTheRunQueue() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = kernel.instantiate(Guests.image("""
            mov $0, %eax
            denali_idle
            cmpl $0, WAKE_REASON
            jne 1f
            exit 0
            1: exit 1
            """), VmConfig.defaults(), new ByteArrayOutputStream());
        KernelStatistics stats = kernel.run();
        assertEquals(VmExit.terminated(0), vm.exit());
        assertEquals(0, stats.idleWakesByTimeout() + stats.idleWakesByInterrupt());
        assertEquals(2, stats.quanta());
    }
}
