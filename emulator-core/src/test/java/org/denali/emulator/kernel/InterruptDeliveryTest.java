package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.denali.emulator.kernel.KernelTesting.kernel;
import static org.denali.emulator.kernel.KernelTesting.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.denali.emulator.arch.InterruptLines;
import org.denali.emulator.devices.PortDevice;
import org.denali.emulator.memory.GuestMemory;
import org.junit.jupiter.api.Test;

class InterruptDeliveryTest {
    /** A test-only device at port 0x70: an out raises {@code lines} of VM {@code target} (0 = the VM itself). */
    private static VmDeviceFactory raiser(Kernel kernel, int target, int... lines) {
        return onOut((vmId, value) -> {
            for (int line : lines) {
                kernel.raise(target == 0 ? vmId : target, line);
            }
        });
    }

    @Test
    void theFrameIsX86LikeAndIretReturnsToTheInterruptedCode() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = vm(kernel, Guests.image("""
                movl $handler, INTERRUPT_HANDLER
                movl $1, INTERRUPTS_ENABLED
                mov $20, %eax
                out %eax, $TIMER_ARM
                xor %ecx, %ecx
                mov %esp, %edi
            spin:
                inc %ecx
                cmpl $0, done
                je spin
                cmp %esp, %edi            # iret popped the whole frame
                jne 9f
                cmpl $8, saved_cs
                jne 2f
                cmpl $spin, saved_eip
                jb 3f
                cmpl $handler, saved_eip
                jae 3f
                cmpl $1, saved_delivered  # the TIMER bit
                jne 4f
                cmpl $0, saved_enabled
                jne 5f
                testl $0x2, saved_flags
                jz 6f
                cmpl $0, PENDING_INTERRUPTS
                jne 7f
                cmpl $1, INTERRUPTS_ENABLED
                jne 8f
                exit 0
            2: exit 2
            3: exit 3
            4: exit 4
            5: exit 5
            6: exit 6
            7: exit 7
            8: exit 8
            9: exit 9
            handler:
                mov (%esp), %eax
                mov %eax, saved_eip
                mov 4(%esp), %eax
                mov %eax, saved_cs
                mov 8(%esp), %eax
                mov %eax, saved_flags
                mov DELIVERED_INTERRUPTS, %eax
                mov %eax, saved_delivered
                mov INTERRUPTS_ENABLED, %eax
                mov %eax, saved_enabled
                movl $1, done
                movl $1, INTERRUPTS_ENABLED
                iret
            .data
            done: .long 0
            saved_eip: .long 0
            saved_cs: .long 0
            saved_flags: .long 0
            saved_delivered: .long 0
            saved_enabled: .long 0
            """));
        KernelStatistics stats = kernel.run();
        assertEquals(VmExit.terminated(0), vm.exit());
        assertEquals(1, stats.interruptBatches());
        List<InterruptEvent> history = vm.interruptHistory();
        assertEquals(2, history.size(), history.toString());
        assertEquals(new InterruptEvent(InterruptEvent.Kind.RAISED, 1, history.get(0).timeNanos()), history.get(0));
        assertEquals(InterruptEvent.Kind.DELIVERED, history.get(1).kind());
        assertTrue(history.get(0).timeNanos() >= 20_000, "the timer fired after its 20 µs");
        assertTrue(history.get(1).timeNanos() >= history.get(0).timeNanos());
    }

    private static final String COUNT_BATCHES = """
            movl $handler, INTERRUPT_HANDLER
            movl $1, INTERRUPTS_ENABLED
            out %al, $0x70
        1:  cmpl $0, delivered
            je 1b
            mov delivered, %eax
            denali_terminate
        handler:
            push %eax
            mov DELIVERED_INTERRUPTS, %eax
            mov %eax, delivered
            pop %eax
            movl $1, INTERRUPTS_ENABLED
            iret
        .data
        delivered: .long 0
        """;

    @Test
    void linesRaisedDuringAQuantumAreDeliveredAsOneBatchAtTheNextQuantum() throws Exception {
        KernelTesting.Trace trace = new KernelTesting.Trace();
        Kernel kernel = kernel(deterministic(1000));
        kernel.observe(trace);
        VirtualMachine vm = kernel.instantiate(Guests.image(COUNT_BATCHES), VmConfig.defaults(),
            new ByteArrayOutputStream(), List.of(raiser(kernel, 0, InterruptLines.TIMER, InterruptLines.KEYBOARD)));
        KernelStatistics stats = kernel.run();
        assertEquals(VmExit.terminated(1 << InterruptLines.TIMER | 1 << InterruptLines.KEYBOARD), vm.exit());
        assertEquals(0, trace.quanta.get(0).deliveredLines(), "not delivered in the quantum that raised them");
        assertEquals(2, trace.quanta.get(1).deliveredLines());
        assertEquals(1, stats.interruptBatches());
        assertEquals(List.of(InterruptEvent.Kind.RAISED, InterruptEvent.Kind.RAISED, InterruptEvent.Kind.DELIVERED),
            vm.interruptHistory().stream().map(InterruptEvent::kind).toList());
    }

    @Test
    void interruptsStayPendingWhileDisabledAndArriveOnceEnabled() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = kernel.instantiate(Guests.image(COUNT_BATCHES.replace(
            "movl $1, INTERRUPTS_ENABLED\n    out %al, $0x70",
            "out %al, $0x70\n    mov $0, %eax\n    denali_idle\n    mov PENDING_INTERRUPTS, %ebx\n"
                + "    cmp $8, %ebx\n    jne 2f\n    movl $1, INTERRUPTS_ENABLED\n    mov $0, %eax\n    denali_idle\n"
                + "    jmp 1f\n2: exit 77")), VmConfig.defaults(), new ByteArrayOutputStream(),
            List.of(raiser(kernel, 0, InterruptLines.KEYBOARD)));
        kernel.run();
        assertEquals(VmExit.terminated(8), vm.exit());
    }

    @Test
    void aQuantumLimitCanHoldDeliveryBackAndTheBatchWaits() throws Exception {
        KernelTesting.Trace trace = new KernelTesting.Trace();
        Kernel kernel = kernel(deterministic(1000));
        kernel.observe(trace);
        kernel.limitQuanta(new QuantumLimit() {
            @Override
            public long maxInstructions(int vmId) {
                return Long.MAX_VALUE;
            }

            @Override
            public boolean deliverInterrupts(int vmId) {
                return trace.quanta.size() >= 4; // like a debugger stepping through the first quanta
            }
        });
        VirtualMachine vm = kernel.instantiate(Guests.image(COUNT_BATCHES.replace("je 1b", "mov $0, %eax\n"
                + "    denali_idle\n    cmpl $0, delivered\n    je 1b")), VmConfig.defaults(),
            new ByteArrayOutputStream(), List.of(raiser(kernel, 0, InterruptLines.TIMER)));
        kernel.run();
        assertEquals(VmExit.terminated(1), vm.exit());
        List<Integer> deliveredAt = new java.util.ArrayList<>();
        for (int i = 0; i < trace.quanta.size(); i++) {
            if (trace.quanta.get(i).deliveredLines() > 0) {
                deliveredAt.add(i);
            }
        }
        assertEquals(List.of(4), deliveredAt, "pending from quantum 0, delivered only once allowed");
    }

    /** VM 1 raises a line for VM 3 in its first quantum; VM 2 is between them in round-robin order. */
    private static KernelTesting.Trace raceForTheThirdVm(boolean synchronous) throws Exception {
        KernelTesting.Trace trace = new KernelTesting.Trace();
        Kernel kernel = kernel(deterministic(100_000).withSynchronousInterrupts(synchronous)
            .withMaxInstructionsPerVm(1_000_000));
        kernel.observe(trace);
        kernel.instantiate(Guests.image("out %al, $0x70\n1: jmp 1b"), VmConfig.defaults(),
            new ByteArrayOutputStream(), List.of(raiser(kernel, 3, InterruptLines.KEYBOARD)));
        vm(kernel, Guests.image("1: jmp 1b"));
        VirtualMachine target = vm(kernel, Guests.image(COUNT_BATCHES.replace("out %al, $0x70", "")));
        kernel.run();
        assertEquals(VmExit.terminated(1 << InterruptLines.KEYBOARD), target.exit());
        return trace;
    }

    @Test
    void batchedModeDoesNotSwitchToTheVmAnInterruptIsFor() throws Exception {
        KernelTesting.Trace trace = raceForTheThirdVm(false);
        assertEquals(List.of(1, 2, 3), trace.order().subList(0, 3));
        assertEquals(100_000, trace.quanta.get(0).instructions(), "the raiser keeps its whole quantum");
    }

    @Test
    void synchronousModeEndsTheQuantumAndSchedulesTheTargetNext() throws Exception {
        KernelTesting.Trace trace = raceForTheThirdVm(true);
        assertEquals(List.of(1, 3, 2), trace.order().subList(0, 3));
        assertTrue(trace.quanta.get(0).instructions() <= QuantumRunner.SLICE, "quantum cut short");
        // Its first quantum installs the handler; the batch is delivered at the start of its next one.
        assertEquals(1, trace.quanta.stream().filter(q -> q.vmId() == 3).skip(1).findFirst().orElseThrow()
            .deliveredLines());
    }

    @Test
    void aFrameThatCannotBePushedFaultsTheVm() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = kernel.instantiate(Guests.image("""
                movl $0x100000, INTERRUPT_HANDLER
                movl $1, INTERRUPTS_ENABLED
                mov $0xfffffff0, %esp
                out %al, $0x70
            1:  jmp 1b
            """), VmConfig.defaults(), new ByteArrayOutputStream(), List.of(raiser(kernel, 0, InterruptLines.TIMER)));
        kernel.run();
        assertEquals(VmExit.Kind.FAULTED, vm.exit().kind());
        assertTrue(vm.exit().fault().diagnostic().contains("interrupt frame"), vm.exit().toString());
    }

    /**
     * A periodic timer (TIMER_PERIODIC, 100 µs) ticks as interrupts until the guest has counted five, then the
     * guest cancels it and idles for ten more periods: no tick comes. Each tick is raised no earlier than its
     * deadline (k periods after arming), and the history keeps them in order.
     */
    @Test
    void aPeriodicTimerTicksUntilCancelled() throws Exception {
        Kernel kernel = kernel(deterministic(1000));
        VirtualMachine vm = vm(kernel, Guests.image("""
                movl $handler, INTERRUPT_HANDLER
                movl $1, INTERRUPTS_ENABLED
                mov $100, %eax
                out %eax, $TIMER_PERIODIC
            1:  mov $0xffffffff, %eax     # sleep until the next tick
                denali_idle
                cmpl $5, ticks
                jb 1b
                xor %eax, %eax
                out %eax, $TIMER_PERIODIC # cancel
                mov $1000, %eax
                denali_idle               # ten periods: only the timeout can end this
                cmp $0, %eax              # WOKE_BY_TIMEOUT
                jne 2f
                mov ticks, %eax
                denali_terminate
            2:  exit 99
            handler:
                incl ticks
                movl $1, INTERRUPTS_ENABLED # delivery disabled them
                iret
            .data
            ticks: .long 0
            """));
        kernel.run();
        assertEquals(VmExit.terminated(5), vm.exit(), "five ticks counted, none after the cancel");
        List<InterruptEvent> raised = vm.interruptHistory().stream()
            .filter(e -> e.kind() == InterruptEvent.Kind.RAISED).toList();
        assertEquals(5, raised.size(), raised.toString());
        for (int k = 0; k < raised.size(); k++) {
            assertEquals(1 << InterruptLines.TIMER, raised.get(k).lines());
            assertTrue(raised.get(k).timeNanos() >= (k + 1) * 100_000L, "tick " + (k + 1) + " not early: " + raised);
            if (k > 0) {
                assertTrue(raised.get(k).timeNanos() > raised.get(k - 1).timeNanos(), raised.toString());
            }
        }
        assertEquals(0, kernel.pendingDeadlines(), "a cancelled periodic timer leaves no deadline behind");
    }
    /**
     * The history is bounded (64 events by default): a guest raising 100 interrupts with delivery disabled leaves
     * exactly the newest 64 raise events, oldest first, with timestamps in order (deterministic clock: it
     * advances between quanta, so the guest yields after every raise).
     */
    @Test
    void theInterruptHistoryKeepsExactlyTheNewest64() throws Exception {
        Kernel kernel = kernel(deterministic(100_000));
        assertEquals(64, kernel.config().interruptHistory());
        VirtualMachine vm = kernel.instantiate(Guests.image("""
                mov $100, %ecx
            1:  mov %ecx, %eax
                and $3, %eax
                add $1, %eax               # lines 1..4 in turn (the device raises line EAX)
                out %eax, $0x70
                xor %eax, %eax
                denali_idle                # yield: each raise in its own quantum, so the clock moves between them
                loop 1b
                exit 0
            """), VmConfig.defaults(), new ByteArrayOutputStream(), List.of(lineOfEax(kernel)));
        kernel.run();
        assertEquals(VmExit.terminated(0), vm.exit());
        List<InterruptEvent> history = vm.interruptHistory();
        assertEquals(64, history.size());
        for (int i = 0; i < history.size(); i++) {
            InterruptEvent e = history.get(i);
            assertEquals(InterruptEvent.Kind.RAISED, e.kind(), "interrupts were never enabled: nothing delivered");
            int ecx = 64 - i; // the newest 64 of the raises made with ECX = 100 down to 1
            assertEquals(1 << ((ecx & 3) + 1), e.lines(), "event " + i + " of " + history);
            if (i > 0) {
                assertTrue(e.timeNanos() >= history.get(i - 1).timeNanos(), "in time order: " + history);
            }
        }
        assertTrue(history.get(0).timeNanos() < history.get(63).timeNanos(), "time passed: " + history);
    }

    /** A test-only device at port 0x70 raising the line given in EAX on its own VM. */
    private static VmDeviceFactory lineOfEax(Kernel kernel) {
        return onOut(kernel::raise);
    }

    /** A test-only device at port 0x70 that passes each out (its VM's id, the value) to {@code action}. */
    private static VmDeviceFactory onOut(java.util.function.BiConsumer<Integer, Integer> action) {
        return vm -> List.of(new PortDevice() {
            @Override
            public java.util.List<org.denali.emulator.devices.PortRange> ports() {
                return java.util.List.of(org.denali.emulator.devices.PortRange.of(0x70));
            }

            @Override
            public int in(int port, int size, GuestMemory memory) {
                return 0;
            }

            @Override
            public void out(int port, int size, int value, GuestMemory memory) {
                action.accept(vm.vmId(), value);
            }
        });
    }
}
