package org.denali.emulator.debug;

import static org.denali.emulator.debug.DebugGuests.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InterruptEvent;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmExit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KernelDebuggerTest {
    private KernelDebugger debugger;
    private final LinkedBlockingQueue<DebugEvent> events = new LinkedBlockingQueue<>();
    private VirtualMachine vm1;
    private VirtualMachine vm2;

    @BeforeEach
    void twoLoopingVms() throws Exception {
        debugger = debugger();
        debugger.addListener(events::add);
        GuestImage image = image(LOOP);
        vm1 = instantiate(debugger, image);
        vm2 = instantiate(debugger, image);
        debugger.attach();
        start(debugger);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ((vm1.instructionsRetired() < 1000 || vm2.instructionsRetired() < 1000) && System.nanoTime() < deadline) {
            Thread.sleep(1); // both VMs past their first instructions (ESI set)
        }
    }

    @AfterEach
    void shutdown() {
        debugger.kernel().shutdown();
    }

    private VmStop awaitStop(int vmId) throws InterruptedException {
        while (true) {
            DebugEvent e = events.poll(5, TimeUnit.SECONDS);
            assertNotNull(e, "no stop event for vm" + vmId);
            if (e instanceof DebugEvent.VmStopped s && s.vmId() == vmId
                    && s.cause().kind() != StopCause.Kind.SUSPENDED) {
                assertTrue(debugger.awaitStopped(vmId, 5000));
                return new VmStop(s.cause(), debugger.registers(vmId));
            }
        }
    }

    record VmStop(StopCause cause, CpuRegisters registers) {
    }

    private long retired(VirtualMachine vm) {
        return vm.instructionsRetired();
    }

    @Test
    void suspendingOneVmLeavesTheOtherRunning() throws Exception {
        debugger.suspend(vm1.id());
        assertTrue(debugger.awaitStopped(vm1.id(), 5000));
        long frozen = debugger.vm(vm1.id()).instructions();
        long other = retired(vm2);
        Thread.sleep(100);
        assertEquals(frozen, debugger.vm(vm1.id()).instructions(), "a suspended VM must not run");
        assertTrue(retired(vm2) > other, "the other VM keeps running");
        assertTrue(debugger.scheduler().held().contains(vm1.id()));
        debugger.resume(vm1.id());
        Thread.sleep(100);
        assertTrue(debugger.vm(vm1.id()).instructions() > frozen, "resumed VM runs again");
    }

    @Test
    void allStopBreakpointStopsEveryVmAndNonStopOnlyTheOne() throws Exception {
        debugger.insertBreakpoint(vm1.id(), LOOP_TOP);
        VmStop stop = awaitStop(vm1.id());
        assertEquals(StopCause.Kind.BREAKPOINT, stop.cause().kind());
        assertEquals(LOOP_TOP, stop.cause().address());
        assertEquals(LOOP_TOP, stop.registers().eip());
        assertTrue(debugger.awaitAllStopped(5000), "all-stop: the other VM stops too");

        debugger.setStopMode(StopMode.NON_STOP);
        debugger.resumeAll();
        awaitStop(vm1.id());
        long other = retired(vm2);
        Thread.sleep(100);
        assertTrue(retired(vm2) > other, "non-stop: the other VM keeps running");
        assertFalse(debugger.isStopped(vm2.id()));
    }

    @Test
    void aBreakpointInEveryVmStopsEachOfThemAndVmsCreatedLater() throws Exception {
        debugger.setStopMode(StopMode.NON_STOP); // each VM stops on its own, so each hit can be seen
        debugger.insertBreakpointInEveryVm(LOOP_TOP);
        for (VirtualMachine vm : List.of(vm1, vm2)) {
            assertTrue(debugger.awaitStopped(vm.id(), 5000));
            assertEquals(StopCause.Kind.BREAKPOINT, debugger.vm(vm.id()).lastStop().kind(), "vm" + vm.id());
            assertEquals(LOOP_TOP, debugger.registers(vm.id()).eip());
        }
        VirtualMachine later = instantiate(debugger, image(LOOP));
        assertTrue(debugger.awaitStopped(later.id(), 5000), "a VM created after the insertion has it too");
        assertEquals(LOOP_TOP, debugger.registers(later.id()).eip());
        assertTrue(debugger.breakpoints(later.id()).isEmpty(), "process-wide, not the VM's own");

        // a run-to whose target is the process-wide breakpoint still stops there once that is removed
        events.clear(); // the stops so far
        debugger.runTo(vm1.id(), CALL);
        assertEquals(CALL, awaitStop(vm1.id()).registers().eip());
        debugger.runTo(vm1.id(), LOOP_TOP);
        debugger.removeBreakpointFromEveryVm(LOOP_TOP);
        assertEquals(LOOP_TOP, awaitStop(vm1.id()).registers().eip());

        debugger.resumeAll();
        long before = retired(vm2) + retired(later);
        Thread.sleep(100);
        assertFalse(debugger.isStopped(vm2.id()) || debugger.isStopped(later.id()), "removed from every VM");
        assertTrue(retired(vm2) + retired(later) > before);
        assertThrows(DebugException.class, () -> debugger.insertBreakpointInEveryVm(0xFFFF_F000),
            "outside every VM's memory");
    }

    @Test
    void stepStepOverAndRunTo() throws Exception {
        debugger.insertBreakpoint(vm1.id(), LOOP_TOP);
        awaitStop(vm1.id());
        debugger.removeBreakpoint(vm1.id(), LOOP_TOP);
        debugger.step(vm1.id());
        assertEquals(LOOP_TOP + 1, awaitStop(vm1.id()).registers().eip(), "inc %ebx is one byte");
        debugger.step(vm1.id());
        VmStop atCall = awaitStop(vm1.id());
        assertEquals(CALL, atCall.registers().eip());
        assertEquals(StopCause.Kind.STEP, atCall.cause().kind());
        debugger.stepOver(vm1.id());
        assertEquals(AFTER_CALL, awaitStop(vm1.id()).registers().eip(), "step over runs the whole call");
        debugger.runTo(vm1.id(), CALL);
        assertEquals(CALL, awaitStop(vm1.id()).registers().eip());
        debugger.step(vm1.id());
        assertEquals(FUNC, awaitStop(vm1.id()).registers().eip(), "a plain step enters the call");
        assertTrue(debugger.breakpoints(vm1.id()).isEmpty(), "run-to leaves no breakpoint behind");
    }

    @Test
    void aStepNeverLandsInTheInterruptHandlerAndTheBatchStaysPending() throws Exception {
        debugger.insertBreakpoint(vm1.id(), LOOP_TOP);
        awaitStop(vm1.id());
        debugger.removeBreakpoint(vm1.id(), LOOP_TOP);
        debugger.writeVirtualRegister(vm1.id(), VirtualRegister.named("interrupt_handler"), FUNC);
        debugger.writeVirtualRegister(vm1.id(), VirtualRegister.named("interrupts_enabled"), 1);
        debugger.kernel().raise(vm1.id(), InterruptLines.TIMER);
        assertTrue((debugger.interrupts(vm1.id()).pending() & (1 << InterruptLines.TIMER)) != 0);

        debugger.step(vm1.id());
        assertEquals(LOOP_TOP + 1, awaitStop(vm1.id()).registers().eip(), "the step executes the next instruction");
        assertTrue((debugger.interrupts(vm1.id()).pending() & (1 << InterruptLines.TIMER)) != 0,
                "the batch waits for the next quantum that is not a step");
    }

    @Test
    void writeReadAndAccessWatchpointsStopAfterTheAccessingInstruction() throws Exception {
        debugger.suspend(vm1.id());
        assertTrue(debugger.awaitStopped(vm1.id(), 5000));
        int counter = debugger.registers(vm1.id()).gpr(Registers.ESI);

        debugger.insertWatchpoint(vm1.id(), new Watchpoint(counter, 4, WatchKind.WRITE));
        debugger.resume(vm1.id());
        VmStop write = awaitStop(vm1.id());
        assertEquals(StopCause.Kind.WATCHPOINT, write.cause().kind());
        assertEquals(WatchKind.WRITE, write.cause().watch());
        assertEquals(counter, write.cause().address());
        assertEquals(AFTER_STORE, write.registers().eip());
        assertEquals(write.registers().gpr(Registers.EBX), counterValue(counter), "the store has happened");
        debugger.removeWatchpoint(vm1.id(), new Watchpoint(counter, 4, WatchKind.WRITE));

        debugger.insertWatchpoint(vm1.id(), new Watchpoint(counter, 4, WatchKind.READ));
        debugger.resume(vm1.id());
        assertEquals(AFTER_LOAD, awaitStop(vm1.id()).registers().eip(), "only the load reads it");
        debugger.removeWatchpoint(vm1.id(), new Watchpoint(counter, 4, WatchKind.READ));

        debugger.insertWatchpoint(vm1.id(), new Watchpoint(counter, 4, WatchKind.ACCESS));
        debugger.resume(vm1.id());
        int eip = awaitStop(vm1.id()).registers().eip();
        assertTrue(eip == AFTER_STORE || eip == AFTER_LOAD, "access = read or write");
    }

    private int counterValue(int address) {
        return ByteBuffer.wrap(debugger.readMemory(vm1.id(), address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void registersMemoryAndVirtualRegistersAreReadableAndWritable() throws Exception {
        debugger.suspend(vm1.id());
        assertTrue(debugger.awaitStopped(vm1.id(), 5000));
        CpuRegisters regs = debugger.registers(vm1.id());
        int[] gprs = regs.gprs();
        gprs[Registers.EBX] = 1000;
        debugger.setRegisters(vm1.id(), new CpuRegisters(gprs, LOOP_TOP, regs.eflags()));
        assertEquals(1000, debugger.registers(vm1.id()).gpr(Registers.EBX));
        int counter = regs.gpr(Registers.ESI);
        debugger.writeMemory(vm1.id(), counter, new byte[] {1, 2, 3, 4});
        assertArrayEquals(new byte[] {1, 2, 3, 4}, debugger.readMemory(vm1.id(), counter, 4));
        assertThrows(DebugException.class, () -> debugger.readMemory(vm1.id(), 0xC000_0000, 4));
        assertThrows(DebugException.class, () -> debugger.registers(vm2.id()), "a running VM's registers");

        assertEquals(0x494C4E44L, debugger.readVirtualRegister(vm1.id(), VirtualRegister.named("magic")));
        assertEquals(vm1.id(), debugger.readVirtualRegister(vm1.id(), VirtualRegister.named("vm_id")));
        debugger.writeVirtualRegister(vm1.id(), VirtualRegister.named("interrupt_handler"), FUNC);
        assertEquals(FUNC, debugger.readVirtualRegister(vm1.id(), VirtualRegister.named("interrupt_handler")));
        assertThrows(DebugException.class,
            () -> debugger.writeVirtualRegister(vm1.id(), VirtualRegister.named("vm_id"), 9));
        debugger.resume(vm1.id());
        Thread.sleep(50);
        assertTrue(counterValue2(counter) > 1000, "the guest continues from the written EBX");
    }

    private int counterValue2(int address) throws InterruptedException {
        debugger.suspend(vm1.id());
        assertTrue(debugger.awaitStopped(vm1.id(), 5000));
        return counterValue(address);
    }

    @Test
    void snapshotsShowInterruptQueueSwapAndScheduler() throws Exception {
        debugger.suspend(vm1.id());
        assertTrue(debugger.awaitStopped(vm1.id(), 5000));
        debugger.kernel().raise(vm1.id(), InterruptLines.TIMER);
        InterruptQueueSnapshot q = debugger.interrupts(vm1.id());
        assertEquals(1 << InterruptLines.TIMER, q.pending());
        assertEquals(0, q.nextDelivery(), "no handler set: nothing will be delivered");
        InterruptEvent last = q.history().get(q.history().size() - 1);
        assertEquals(InterruptEvent.Kind.RAISED, last.kind());

        SwapSnapshot swap = debugger.swap(vm1.id());
        assertTrue(swap.admitted());
        assertTrue(swap.mappedPages() >= 2, "register page, code and data are mapped");
        assertEquals(0, swap.residency().get(0)[0], "page 0 (virtual registers) is resident");

        SchedulerSnapshot sched = debugger.scheduler();
        assertEquals(List.of(vm1.id()), sched.held());
        assertTrue(sched.admitted().containsAll(List.of(vm1.id(), vm2.id())));
        assertFalse(sched.runQueue().contains(vm1.id()), "a held VM is not in the run queue");
    }

    @Test
    void faultIsAStopWithTheRegistersAndEndsTheVmOnceResumed() throws Exception {
        VirtualMachine faulty = instantiate(debugger, image("""
            .text
            .globl _start
            _start:
              mov $7, %ecx
              mov 0xC0000000, %eax
            """));
        VmStop stop = awaitStop(faulty.id());
        assertEquals(StopCause.Kind.FAULTED, stop.cause().kind());
        assertEquals(7, stop.registers().gpr(Registers.ECX));
        debugger.resume(faulty.id()); // an attached client holds the faulted VM until it lets the fault through
        // Other VMs' events may come first (the two looping VMs keep running): wait for this VM's end itself.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean ended = false;
        while (!ended && System.nanoTime() < deadline) {
            DebugEvent e = events.poll(1, TimeUnit.SECONDS);
            ended = e instanceof DebugEvent.VmEnded end && end.vmId() == faulty.id();
        }
        assertTrue(ended, "the faulted VM's end is reported");
    }

    /**
     * The event stream of a VM's whole life, on a kernel of its own: VmStarted with its name, its console bytes as
     * ConsoleOutput, VmEnded with the guest's exit code, then KernelEnded once no VM is left. Only the order one
     * VM's life imposes is asserted (it starts before it prints, prints before it ends).
     */
    @Test
    void eventStreamReportsStartConsoleOutputTerminationAndKernelEnd() throws Exception {
        KernelDebugger own = debugger();
        LinkedBlockingQueue<DebugEvent> stream = new LinkedBlockingQueue<>();
        own.addListener(stream::add);
        own.attach();
        VirtualMachine printer = instantiate(own, image("""
            .text
            .globl _start
            _start:
              mov $'h', %al
              out %al, $0x10
              mov $'i', %al
              out %al, $0x10
              mov $'\\n', %al
              out %al, $0x10
              mov $7, %eax
              .byte 0x0f, 0x0c
            """));
        own.name(printer.id(), "printer");
        own.detach(); // a detached debugger still reports events; the kernel may now end with its last VM
        Thread kernel = start(own);
        List<DebugEvent> seen = new java.util.ArrayList<>();
        StringBuilder console = new StringBuilder();
        try {
            while (seen.stream().noneMatch(e -> e instanceof DebugEvent.KernelEnded)) {
                DebugEvent e = stream.poll(30, TimeUnit.SECONDS);
                assertNotNull(e, "the stream stalled after " + seen);
                seen.add(e);
                if (e instanceof DebugEvent.ConsoleOutput out) {
                    assertEquals(printer.id(), out.vmId());
                    console.append(out.text());
                }
            }
        } finally {
            own.kernel().shutdown();
            kernel.join(30_000);
        }
        assertEquals("hi\n", console.toString(), "every console byte, in order");
        int started = indexOf(seen, DebugEvent.VmStarted.class);
        int printed = indexOf(seen, DebugEvent.ConsoleOutput.class);
        int ended = indexOf(seen, DebugEvent.VmEnded.class);
        assertTrue(started >= 0 && started < printed && printed < ended, seen.toString());
        assertEquals(new DebugEvent.VmStarted(printer.id(), "printer"), seen.get(started),
            "a name given before the VM first runs is the name it starts with");
        DebugEvent.VmEnded end = (DebugEvent.VmEnded) seen.get(ended);
        assertEquals(printer.id(), end.vmId());
        assertEquals(VmExit.Kind.TERMINATED, end.exit().kind());
        assertEquals(7, end.exit().code(), "terminate's EAX");
        assertEquals(seen.size() - 1, indexOf(seen, DebugEvent.KernelEnded.class), "the last event");
    }

    private static int indexOf(List<DebugEvent> events, Class<? extends DebugEvent> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
