package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    /**
     * Three VMs mixing busy work, timers, idles with timeouts, interrupts and keyboard input; their console output
     * depends on the system time they read. Run twice in deterministic mode, everything must be identical.
     */
    private static String runOnce(GuestImage image) throws Exception {
        return runOnce(image, KernelConfig.defaults().jitThreshold(), false);
    }

    private static String runOnce(GuestImage image, int jitThreshold, boolean mostlyCompiled) throws Exception {
        Kernel kernel = new Kernel(KernelConfig.defaults().deterministic().withQuantum(Quantum.ofMicros(7))
            .withJitThreshold(jitThreshold), InHeapMemoryManager.unlimited());
        KernelTesting.Trace trace = new KernelTesting.Trace();
        kernel.observe(trace);
        List<ByteArrayOutputStream> outs = new ArrayList<>();
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outs.add(out);
            VirtualMachine vm = kernel.instantiate(image, VmConfig.defaults(), out);
            byte[] typed = ("keys" + i).getBytes();
            vm.keyboard().type(typed, 0, typed.length);
            vms.add(vm);
        }
        KernelStatistics stats = kernel.run();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            all.append(vms.get(i).exit()).append(' ').append(vms.get(i).instructionsRetired()).append(' ')
                .append(Guests.text(outs.get(i))).append('\n');
        }
        if (mostlyCompiled) {
            assertTrue(stats.compiledInstructions() > stats.instructions() / 2, "compiled code ran: " + stats);
        }
        return all.append(stats.instructions()).append(' ').append(stats.quanta()).append(' ')
            .append(trace.quanta).toString();
    }

    /**
     * The same deterministic run interpreted and with every trace compiled: identical instruction counts, quanta
     * (their boundaries fall inside compiled loops), interrupt delivery points and console output.
     */
    @Test
    void compiledCodeGivesTheSameExecutionAsTheInterpreter() throws Exception {
        GuestImage image = Guests.image("""
                movl $handler, INTERRUPT_HANDLER
                movl $1, INTERRUPTS_ENABLED
                mov $40, %esi
            round:
                mov VM_ID, %eax
                imul $37, %eax
                add %esi, %eax
                and $0x3ff, %eax
                or $1, %eax
                mov %eax, %ecx
            work:
                add %ecx, %edx
                xor %edx, %ebx
                shl $3, %ebx
                cmp %ecx, %edi
                jb 2f
                inc %edi
            2:  dec %ecx
                jnz work
                mov SYSTEM_TIME_US, %eax
                add %ebx, %eax
                and $0xf, %eax
                add $'a', %al
                out %al, $CONSOLE_PUTC
                mov $25, %eax
                out %eax, $TIMER_ARM
                mov %esi, %eax
                denali_idle
                in $KEYBOARD_READ, %eax
                cmp $-1, %eax
                je 1f
                out %al, $CONSOLE_PUTC
            1:  dec %esi
                jnz round
                mov ticks, %eax
                add %edi, %eax
                denali_terminate
            handler:
                incl ticks
                movl $1, INTERRUPTS_ENABLED
                iret
            .data
            ticks: .long 0
            """);
        assertEquals(runOnce(image, KernelConfig.JIT_OFF, false), runOnce(image, 0, true));
    }

    @Test
    void theSameInputsGiveTheSameExecution() throws Exception {
        GuestImage image = Guests.image("""
                movl $handler, INTERRUPT_HANDLER
                movl $1, INTERRUPTS_ENABLED
                mov $40, %esi
            round:
                mov VM_ID, %eax
                imul $37, %eax
                add %esi, %eax
                and $0x3ff, %eax
                mov %eax, %ecx
            work: loop work
                mov SYSTEM_TIME_US, %eax
                and $0xf, %eax
                add $'a', %al
                out %al, $CONSOLE_PUTC
                mov $25, %eax
                out %eax, $TIMER_ARM
                mov %esi, %eax
                denali_idle
                in $KEYBOARD_READ, %eax
                cmp $-1, %eax
                je 1f
                out %al, $CONSOLE_PUTC
            1:  dec %esi
                jnz round
                mov ticks, %eax
                denali_terminate
            handler:
                incl ticks
                movl $1, INTERRUPTS_ENABLED
                iret
            .data
            ticks: .long 0
            """);
        String first = runOnce(image);
        String second = runOnce(image);
        assertEquals(first, second);
        String[] lines = first.split("\n");
        for (int i = 0; i < 3; i++) {
            assertTrue(lines[i].startsWith("terminated"), lines[i]);
            String console = lines[i].substring(lines[i].lastIndexOf(' ') + 1);
            assertTrue(console.contains(Integer.toString(i)), "typed input was read: " + lines[i]);
        }
    }
}
