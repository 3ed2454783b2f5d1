package org.denali.emulator.debug;

import static org.denali.emulator.debug.DebugGuests.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.TimeUnit;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.cpu.decode.Registers;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.kernel.VmState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 1: a fault stops the world only for an attached client in all-stop mode. Without a client (the
 * kernel monitor, or --gdb with nobody connected) the faulted VM ends and nothing else waits; with a client the
 * faulted VM is held alive at the faulting instruction until resumed.
 */
class FaultHoldTest {
    private static final String FAULTS = """
        .text
        .globl _start
        _start:
          mov $7, %ecx
          push $0x1234
          mov 0xC0000000, %eax
        """;

    private final KernelDebugger debugger = debugger();

    @AfterEach
    void shutdown() {
        debugger.kernel().shutdown();
    }

    @Test
    void withoutAClientAFaultEndsOnlyTheFaultingVm() throws Exception {
        VirtualMachine bystander = instantiate(debugger, image(LOOP));
        VirtualMachine faulty = instantiate(debugger, image(FAULTS));
        start(debugger);
        awaitEnded(faulty);
        assertEquals(VmExit.Kind.FAULTED, faulty.exit().kind());
        long before = bystander.instructionsRetired();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bystander.instructionsRetired() < before + 100_000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(bystander.instructionsRetired() >= before + 100_000, "the bystander keeps running after the fault");
        assertFalse(debugger.vm(bystander.id()).stopped(), "nobody stopped the bystander");
        assertTrue(debugger.scheduler().held().isEmpty(), "the debugger holds no VM: " + debugger.scheduler().held());
    }

    @Test
    void anAttachedClientInAllStopGetsTheFaultedVmHeldAndEveryOtherVmStopped() throws Exception {
        VirtualMachine bystander = instantiate(debugger, image(LOOP));
        VirtualMachine faulty = instantiate(debugger, image(FAULTS));
        debugger.attach();
        start(debugger);
        awaitHeld(faulty);
        VmInfo held = debugger.vm(faulty.id());
        assertNotEquals(VmState.ENDED, held.state(), "held alive, not torn down");
        assertNull(held.exit());
        assertEquals(StopCause.Kind.FAULTED, held.lastStop().kind());
        assertEquals(FaultVector.PF, debugger.fault(faulty.id()).vector());
        assertEquals(0xC0000000, debugger.fault(faulty.id()).address());
        CpuRegisters registers = debugger.registers(faulty.id());
        assertEquals(7, registers.gpr(Registers.ECX));
        assertEquals(debugger.fault(faulty.id()).eip(), registers.eip(), "stopped at the faulting instruction");
        byte[] stackTop = debugger.readMemory(faulty.id(), registers.gpr(Registers.ESP), 4);
        assertEquals(0x34, stackTop[0] & 0xFF, "the stack stays readable");
        assertTrue(debugger.awaitAllStopped(5000), "all-stop: the bystander is stopped too");
        assertTrue(debugger.vm(bystander.id()).stopped());

        debugger.resume(faulty.id());
        awaitEnded(faulty);
        assertEquals(VmExit.Kind.FAULTED, faulty.exit().kind(), "resuming delivers the fault: the VM ends");
        assertEquals(0x8000_0000 | FaultVector.PF, faulty.exit().code());
    }

    @Test
    void nonStopHoldsOnlyTheFaultedVm() throws Exception {
        VirtualMachine bystander = instantiate(debugger, image(LOOP));
        VirtualMachine faulty = instantiate(debugger, image(FAULTS));
        debugger.attach();
        debugger.setStopMode(StopMode.NON_STOP);
        start(debugger);
        awaitHeld(faulty);
        long before = bystander.instructionsRetired();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bystander.instructionsRetired() < before + 100_000 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(bystander.instructionsRetired() >= before + 100_000, "the bystander keeps running");
        assertFalse(debugger.vm(bystander.id()).stopped());
    }

    @Test
    void detachingDeliversAHeldFault() throws Exception {
        VirtualMachine faulty = instantiate(debugger, image(FAULTS));
        debugger.attach();
        Thread kernel = start(debugger);
        awaitHeld(faulty);
        debugger.detach();
        awaitEnded(faulty);
        assertEquals(VmExit.Kind.FAULTED, faulty.exit().kind());
        kernel.join(10_000);
        assertFalse(kernel.isAlive(), "with its last VM ended the kernel ends");
    }

    private void awaitHeld(VirtualMachine vm) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (vm.heldFault() == null && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertNotNull(vm.heldFault(), "the faulted VM is held");
        assertTrue(debugger.awaitStopped(vm.id(), 5000));
    }

    private static void awaitEnded(VirtualMachine vm) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (vm.state() != VmState.ENDED && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(VmState.ENDED, vm.state());
    }
}
