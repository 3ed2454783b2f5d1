package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.denali.emulator.arch.FaultVector;
import org.denali.emulator.cpu.decode.Registers;
import org.junit.jupiter.api.Test;

class IsolationTest {
    @Test
    void aFaultingVmIsReportedAndTheOthersKeepRunning() throws Exception {
        Kernel kernel = KernelTesting.kernel(deterministic(50));
        VirtualMachine bad = KernelTesting.vm(kernel, Guests.image("mov $3, %ebx\nnop\nud2"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VirtualMachine good = kernel.instantiate(Guests.image("""
                mov $1000, %ecx
            1:  loop 1b
                putc 'o'
                putc 'k'
                exit 0
            """), VmConfig.defaults(), out);
        KernelStatistics stats = kernel.run();
        assertEquals(VmExit.terminated(0), good.exit());
        assertEquals("ok", Guests.text(out));
        VmExit exit = bad.exit();
        assertEquals(0x8000_0000 | FaultVector.UD, exit.code());
        FaultReport report = exit.fault();
        assertEquals("ud2", report.disassembly());
        assertEquals(3, report.registers()[3]);
        assertTrue(report.summary().matches("VM 1 faulted: #UD at EIP=0x[0-9a-f]{8} \\(address -\\) bytes 0f 0b "
            + "\"ud2\": .*"), report.summary());
        assertEquals(1, stats.faults());
    }

    @Test
    void softwareInterruptsAndUndefinedPortsAreGeneralProtectionFaults() throws Exception {
        Kernel kernel = KernelTesting.kernel(deterministic(1000));
        VirtualMachine intN = KernelTesting.vm(kernel, Guests.image("int $0x80"));
        VirtualMachine outPort = KernelTesting.vm(kernel, Guests.image("out %al, $0x99"));
        VirtualMachine inPort = KernelTesting.vm(kernel, Guests.image("mov $0x1234, %dx\nin %dx, %eax"));
        VirtualMachine wrongWidth = KernelTesting.vm(kernel, Guests.image("out %eax, $CONSOLE_PUTC"));
        VirtualMachine badDescriptor = KernelTesting.vm(kernel, Guests.image("""
            mov $0x7ffffff0, %eax
            out %eax, $CONSOLE_WRITE
            """));
        kernel.run();
        for (VirtualMachine vm : List.of(intN, outPort, inPort, wrongWidth, badDescriptor)) {
            assertEquals(0x8000_0000 | FaultVector.GP, vm.exit().code(), vm.exit().toString());
        }
        assertEquals("int    $0x80", intN.exit().fault().disassembly());
        assertTrue(outPort.exit().fault().diagnostic().contains("port 0x99"), outPort.exit().toString());
        assertTrue(badDescriptor.exit().fault().diagnostic().contains("outside accessible memory"));
    }

    @Test
    void guestsCannotGrowTheKernelsDeadlineQueue() throws Exception {
        Kernel kernel = KernelTesting.kernel(deterministic(10_000));
        int[] most = {0};
        kernel.observe((vm, reason, instructions, delivered, clock) ->
            most[0] = Math.max(most[0], kernel.pendingDeadlines()));
        VirtualMachine rearm = KernelTesting.vm(kernel, Guests.image("""
                mov $100000, %ecx
            1:  mov $0x10000000, %eax
                out %eax, $TIMER_ARM
                loop 1b
                exit 0
            """));
        VirtualMachine wokenEarly = KernelTesting.vm(kernel, Guests.image("""
                mov $1000, %esi
            1:  mov $5, %eax
                out %eax, $TIMER_ARM
                mov $100000000, %eax
                denali_idle
                dec %esi
                jnz 1b
                exit 0
            """));
        kernel.run();
        assertEquals(VmExit.terminated(0), rearm.exit());
        assertEquals(VmExit.terminated(0), wokenEarly.exit());
        assertTrue(most[0] <= 4, "deadline queue peaked at " + most[0]);
        assertEquals(0, kernel.pendingDeadlines(), "ended VMs leave nothing behind");
    }

    /**
     * The CPU counts up to 65,536 rep iterations as one instruction, so a 100,000-instruction quantum of rep lodsb
     * would hold the only worker for tens of seconds; the kernel's time cap and adaptive slices bound it to
     * milliseconds, and a VM ticking with 1 ms idles keeps its pace.
     */
    @Test
    void aGuestLoopingOnRepStringInstructionsCannotHoldAWorker() throws Exception {
        Kernel kernel = KernelTesting.kernel(KernelConfig.defaults().withWorkers(1)
            .withQuantum(Quantum.ofInstructions(100_000)));
        VirtualMachine hog = KernelTesting.vm(kernel, Guests.image("""
            1:  mov $0x200000, %esi
                mov $0x800000, %ecx
                rep lodsb
                jmp 1b
            """));
        VirtualMachine ticker = KernelTesting.vm(kernel, Guests.image("""
                mov $20, %esi
            1:  mov $1000, %eax
                denali_idle
                dec %esi
                jnz 1b
                exit 0
            """));
        Thread watchdog = new Thread(() -> {
            while (ticker.state() != VmState.ENDED) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            kernel.shutdown();
        });
        watchdog.setDaemon(true);
        watchdog.start();
        long start = System.nanoTime();
        kernel.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(VmExit.terminated(0), ticker.exit());
        assertEquals(VmExit.Kind.SHUTDOWN, hog.exit().kind());
        // Without the cap one quantum of the hog alone would take minutes (100,000 x 65,536 byte loads), so 20 s
        // separates "bounded" from "held" with room for a loaded CI machine (3.7 s was seen at load 14).
        assertTrue(millis < 20_000, "20 ticks of 1 ms took " + millis + " ms next to the rep loop");
    }

    /** Fills 4 KB with a known pattern, then 25 times yields to the others and checks every word is intact. */
    private static final String BYSTANDER = """
            mov $data, %ebx             # EBX = the pattern's address, EBP = 1 once filled: read by the test
            xor %ebp, %ebp
            mov %ebx, %edi
            mov $0x1234567, %eax
            mov $1024, %ecx
        1:  mov %eax, (%edi)
            add $0x9e3779b1, %eax
            add $4, %edi
            loop 1b
            mov $1, %ebp
            mov $25, %esi
        2:  xor %eax, %eax
            denali_idle                 # yield to the hostile guests
            mov %ebx, %edi
            mov $0x1234567, %eax
            mov $1024, %ecx
        3:  cmp %eax, (%edi)
            jne 9f
            add $0x9e3779b1, %eax
            add $4, %edi
            loop 3b
            dec %esi
            jnz 2b
            exit 0
        9:  exit 1
        .data
        .balign 4096
        data: .fill 4096, 1, 0
        """;

    /**
     * Hostile guests: random bytes as code (wild jumps and pointers, undefined ports, self-modification), plus
     * hand-written nasties, on two worker threads in real time. The kernel must end every VM and never throw, and
     * no other VM's memory may change: a bystander VM checks its known pattern itself between the hostile
     * guests' quanta, and the test re-reads that pattern from the bystander's memory after each of its quanta.
     */
    @Test
    void hostileGuestsNeverRaiseHostExceptionsOrStopTheKernel() throws Exception {
        KernelConfig config = KernelConfig.defaults().withWorkers(2).withQuantum(Quantum.ofInstructions(5_000))
            .withMaxInstructionsPerVm(200_000);
        Kernel kernel = KernelTesting.kernel(config);
        Random random = new Random(0xD3AA11);
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            StringBuilder code = new StringBuilder(".byte ");
            for (int b = 0; b < 2048; b++) {
                code.append(b == 0 ? "" : ",").append(random.nextInt(256));
            }
            vms.add(KernelTesting.vm(kernel, Guests.image(code.toString())));
        }
        for (String nasty : List.of("1: jmp 1b", "1: push %eax\njmp 1b", "mov $0xdeadbeef, %eax\nmov (%eax), %eax",
                "mov $0xc0000000, %esp\nret", "movl $0xfffffff0, 0x11000\nmov $0x11000, %eax\nout %eax, $CONSOLE_WRITE",
                "movl $0x1000, 0x11000\nmovl $0xfffff000, 0x11004\nmov $0x11000, %eax\nout %eax, $CONSOLE_WRITE",
                "mov $1, %eax\nout %eax, $TIMER_ARM\nhlt\nmov $0x10000000, %eax\n1: out %eax, $TIMER_ARM\njmp 1b", "1: in $KEYBOARD_READ, %eax\njmp 1b",
                "movl $0, INTERRUPT_HANDLER\nmovl $-1, INTERRUPTS_ENABLED\nmov $1, %eax\nout %eax, $TIMER_ARM\n"
                    + "1: jmp 1b")) {
            vms.add(KernelTesting.vm(kernel, Guests.image(nasty)));
        }
        VirtualMachine bystander = KernelTesting.vm(kernel, Guests.image(BYSTANDER));
        vms.add(bystander);
        int[] hostChecks = {0};
        List<String> corrupted = new ArrayList<>();
        kernel.observe((vmId, reason, instructions, delivered, clock) -> {
            // Under the kernel's lock, right after the bystander's quantum: its memory is not in use.
            if (vmId != bystander.id() || bystander.cpu().register(Registers.EBP) != 1) {
                return;
            }
            int base = bystander.cpu().register(Registers.EBX);
            int expected = 0x1234567;
            for (int i = 0; i < 1024; i++, expected += 0x9e3779b1) {
                int actual = bystander.memory().read32(base + 4 * i);
                if (actual != expected) {
                    corrupted.add(String.format("word %d: %08x, expected %08x", i, actual, expected));
                }
            }
            hostChecks[0]++;
        });
        // Random code may idle for up to 71 minutes of physical time, legitimately; once every VM has ended or
        // idles, nothing is left to prove, so a watchdog shuts the kernel down.
        Thread watchdog = new Thread(() -> {
            while (!vms.stream().allMatch(vm -> vm.state() == VmState.ENDED || vm.state() == VmState.IDLE)) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            kernel.shutdown();
        });
        watchdog.setDaemon(true);
        watchdog.start();
        KernelStatistics stats = kernel.run();
        for (VirtualMachine vm : vms) {
            assertEquals(VmState.ENDED, vm.state());
            assertTrue(vm.exit().fault() == null || !vm.exit().fault().diagnostic().startsWith("kernel error"),
                vm.exit().toString());
        }
        assertTrue(stats.faults() > 10, stats.summary());
        assertEquals(VmExit.terminated(0), bystander.exit(), "the bystander found its pattern intact every time");
        assertEquals(List.of(), corrupted, "the bystander's memory as the host reads it");
        assertTrue(hostChecks[0] >= 25, "checked after each of its quanta: " + hostChecks[0]);
    }
}
