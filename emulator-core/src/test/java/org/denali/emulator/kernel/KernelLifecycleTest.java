package org.denali.emulator.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.denali.emulator.arch.VirtualRegisters;
import org.denali.emulator.arch.FaultVector;
import org.junit.jupiter.api.Test;

class KernelLifecycleTest {
    private static Kernel deterministicKernel() {
        return new Kernel(KernelConfig.defaults().deterministic().withQuantum(Quantum.ofInstructions(1000)),
            InHeapMemoryManager.unlimited());
    }

    @Test
    void terminateEndsTheVmWithItsExitCodeAndReleasesIt() throws Exception {
        Kernel kernel = deterministicKernel();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VirtualMachine vm = kernel.instantiate(Guests.image("putc 'h'\nputc 'i'\nexit 42"), VmConfig.defaults(), out);
        KernelStatistics stats = kernel.run();
        assertEquals(VmExit.terminated(42), vm.exit());
        assertEquals(VmState.ENDED, vm.state());
        assertEquals("hi", Guests.text(out));
        assertEquals(null, vm.cpu(), "resources are released");
        assertEquals(6, stats.instructions());
    }

    @Test
    void aWorkloadsEndStopsTheServersEvenWhileTheKernelIsHeldOpen() throws Exception {
        Kernel kernel = deterministicKernel();
        // a server idling for a packet that will never come, and a host source (a passt forward) holding it open
        VirtualMachine server = kernel.instantiate(Guests.image("1: mov $0xFFFFFFFF, %eax\ndenali_idle\njmp 1b"),
            VmConfig.defaults(), new ByteArrayOutputStream());
        VirtualMachine generator = kernel.instantiate(Guests.image("""
                mov $3, %esi
            1:  mov $1000, %eax
                denali_idle
                dec %esi
                jnz 1b
                exit 0
            """), VmConfig.defaults(), new ByteArrayOutputStream());
        AutoCloseable forward = kernel.holdOpen();
        kernel.endWhenEnded(java.util.List.of(generator));
        kernel.run(); // without endWhenEnded this never returns: the held kernel waits for the host
        assertEquals(VmExit.terminated(0), generator.exit());
        assertEquals(VmExit.Kind.WORKLOAD_ENDED, server.exit().kind());
        assertEquals("stopped: the workload ended", server.exit().toString());
        forward.close();
    }

    @Test
    void registerPageHoldsTheKernelsValues() throws Exception {
        Kernel kernel = deterministicKernel();
        VmConfig config = VmConfig.defaults().withMemorySize(4 << 20).withNic(0x0200_0A00_0002L, 0x0A00_0002,
            0xFFFF_FF00, 0x0A00_0001);
        GuestImage image = Guests.image("""
            mov MAGIC, %eax
            cmp $0x494c4e44, %eax
            jne 1f
            mov MEMORY_SIZE, %eax
            cmp $0x400000, %eax
            jne 1f
            mov VM_ID, %eax
            denali_terminate
            1: exit 99
            """);
        VirtualMachine vm = kernel.instantiate(image, config, new ByteArrayOutputStream());
        RegisterPage regs = vm.registers();
        assertEquals(VirtualRegisters.VERSION_VALUE, regs.get(VirtualRegisters.VERSION));
        assertEquals(KernelConfig.NOMINAL_CPU_SPEED_KHZ, regs.get(VirtualRegisters.CPU_SPEED_KHZ));
        int imageEnd = regs.get(VirtualRegisters.IMAGE_END);
        assertEquals(image.imageEnd(), imageEnd);
        assertEquals(0, imageEnd % 4096);
        assertTrue(imageEnd > image.entryPoint());
        assertEquals(0x0200_0A00, Integer.reverseBytes(regs.get(VirtualRegisters.NIC_MAC)));
        assertEquals(0x0A00_0002, Integer.reverseBytes(regs.get(VirtualRegisters.NIC_IPV4)));
        assertEquals(1500, regs.get(VirtualRegisters.NIC_MTU));
        kernel.run();
        assertEquals(VmExit.terminated(vm.id()), vm.exit());
    }

    @Test
    void guestWritesToReadOnlyRegistersAreDiscardedAndRwRegistersKept() throws Exception {
        Kernel kernel = deterministicKernel();
        VirtualMachine vm = kernel.instantiate(Guests.image("""
            movl $0, MAGIC
            movl $0xffffffff, MEMORY_SIZE
            movw $0x1234, VM_ID
            movl $0x00100000, INTERRUPT_HANDLER
            movl $0xaabbccdd, 0x1e
            mov MAGIC, %ebx
            mov MEMORY_SIZE, %ecx
            mov VM_ID, %edx
            mov INTERRUPT_HANDLER, %esi
            mov 0x1c, %edi
            hlt
            """), VmConfig.defaults(), new ByteArrayOutputStream());
        kernel.run();
        assertEquals(VmExit.Kind.IDLE_FOREVER, vm.exit().kind());
        RegisterPage regs = vm.registers();
        assertEquals(VirtualRegisters.MAGIC_VALUE, regs.get(VirtualRegisters.MAGIC));
        assertEquals(16 << 20, regs.get(VirtualRegisters.MEMORY_SIZE));
        assertEquals(vm.id(), regs.get(VirtualRegisters.VM_ID));
        assertEquals(0x0010_0000, regs.interruptHandler());
        // A store straddling SYSTEM_TIME_US (RO) and INTERRUPTS_ENABLED (RW) keeps only the RW bytes.
        assertEquals(0xaabb, regs.get(VirtualRegisters.INTERRUPTS_ENABLED));
    }

    @Test
    void vmsOfOneImageShareCodePagesAndCopyDataOnWrite() throws Exception {
        Kernel kernel = deterministicKernel();
        GuestImage image = Guests.image("""
            mov counter, %eax
            inc %eax
            mov %eax, counter
            mov VM_ID, %ebx
            add %ebx, counter
            mov counter, %eax
            denali_terminate
            .data
            counter: .long 100
            """);
        VirtualMachine a = kernel.instantiate(image, VmConfig.defaults(), new ByteArrayOutputStream());
        VirtualMachine b = kernel.instantiate(image, VmConfig.defaults(), new ByteArrayOutputStream());
        int entry = image.entryPoint();
        assertSame(a.memory().page(entry), b.memory().page(entry), "one code page for both VMs");
        assertTrue(a.memory().page(entry).isShared());
        Object[][] decoded = new Object[3][];
        kernel.observe((vmId, reason, instructions, delivered, clock) ->
            decoded[vmId] = image.sharedPage(entry >>> 12).codeCache());
        kernel.run();
        assertNotNull(decoded[a.id()], "the first VM decoded into the shared page's cache");
        assertSame(decoded[a.id()], decoded[b.id()], "the second VM ran the first VM's decoded instructions");
        assertEquals(VmExit.terminated(101 + a.id()), a.exit(), "each VM sees its own copy of the data");
        assertEquals(VmExit.terminated(101 + b.id()), b.exit());
    }

    @Test
    void writingIntoCodeIsAPageFaultReportedWithTheInstruction() throws Exception {
        Kernel kernel = deterministicKernel();
        GuestImage image = Guests.image("movl $0, _start\nexit 0");
        VirtualMachine vm = kernel.instantiate(image, VmConfig.defaults(), new ByteArrayOutputStream());
        kernel.run();
        VmExit exit = vm.exit();
        assertEquals(VmExit.Kind.FAULTED, exit.kind());
        assertEquals(0x8000_0000 | FaultVector.PF, exit.code());
        FaultReport report = exit.fault();
        assertNotNull(report);
        assertEquals(image.entryPoint(), report.address());
        assertEquals(image.entryPoint(), report.eip());
        assertTrue(report.summary().contains(String.format("#PF at EIP=0x%08x", image.entryPoint())),
            report.summary());
        assertTrue(report.disassembly().startsWith("movl   $0x0,0x" + Integer.toHexString(image.entryPoint())),
            report.disassembly());
        assertTrue(report.describe().contains("esp=01000000"), report.describe());
    }
}
