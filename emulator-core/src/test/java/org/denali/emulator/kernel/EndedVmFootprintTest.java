package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.denali.emulator.kernel.KernelTesting.kernel;
import static org.denali.emulator.kernel.KernelTesting.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An ended VM keeps its exit and counters, nothing of its memory: not its page table, not its 4 KB register page
 * (which every ended VM used to keep: 4 GB after {@code denali run --count 1000000}).
 */
class EndedVmFootprintTest {
    @Test
    void anEndedVmKeepsOnlyItsRegisterRecord() throws Exception {
        Kernel kernel = kernel(deterministic(10_000));
        GuestImage image = Guests.image("""
            mov VM_ID, %eax
            mov $5, %ecx
            1: dec %ecx
            jnz 1b
            denali_terminate
            """);
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vms.add(vm(kernel, image));
        }
        kernel.run();
        for (VirtualMachine vm : vms) {
            assertEquals(VmExit.terminated(vm.id()), vm.exit());
            assertNull(vm.memory());
            assertTrue(vm.registers().isShrunk(), "the register page went with the memory");
            assertEquals(13, vm.instructionsRetired(), "the registers stay readable from the record");
            assertEquals(vm.id(), vm.registers().get(org.denali.emulator.arch.VirtualRegisters.VM_ID));
        }
    }
}
