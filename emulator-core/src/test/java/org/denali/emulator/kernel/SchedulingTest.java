package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.denali.emulator.kernel.memory.LeastRecentlyRunPolicy;
import org.denali.emulator.kernel.memory.PhysicalMemory;
import org.denali.emulator.kernel.memory.SwapSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulingTest {
    @Test
    void roundRobinGivesBusyVmsEqualQuantaInTurn() throws Exception {
        KernelTesting.Trace trace = new KernelTesting.Trace();
        Kernel kernel = KernelTesting.kernel(deterministic(10_000).withMaxInstructionsPerVm(1_000_000));
        kernel.observe(trace);
        GuestImage spin = Guests.image("1: jmp 1b");
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vms.add(KernelTesting.vm(kernel, spin));
        }
        KernelStatistics stats = kernel.run();
        for (VirtualMachine vm : vms) {
            assertEquals(VmExit.Kind.INSTRUCTION_LIMIT, vm.exit().kind());
            assertEquals(100, vm.quanta());
        }
        List<Integer> order = trace.order();
        for (int i = 0; i < order.size(); i++) {
            assertEquals(1 + i % 3, order.get(i), "quantum " + i);
        }
        assertEquals(3_000_000, stats.instructions());
        assertEquals(300, stats.vmSwitches());
    }

    /**
     * Each VM dirties 8 private pages (the stack and 7 data pages), sets a guest-writable register, idles 100 µs,
     * checks its data and the register and ends.
     */
    private static final String DIRTY_IDLE_CHECK = """
            mov VM_ID, %eax
            mov $data, %edi
            mov $7, %ecx
        1:  mov %eax, (%edi)
            add $4096, %edi
            loop 1b
            push %eax
            movl $0x1234567, INTERRUPT_HANDLER
            mov $100, %eax
            denali_idle
            cmpl $0x1234567, INTERRUPT_HANDLER
            jne 3f
            mov VM_ID, %eax
            mov $data, %edi
            mov $7, %ecx
        2:  cmp %eax, (%edi)
            jne 3f
            add $4096, %edi
            loop 2b
            exit 0
        3:  exit 1
        .data
        .balign 4096
        data: .fill 7 * 4096, 1, 0
        """;

    /**
     * The budget holds one VM's pages plus the reserve, so the gatekeeper admits the four VMs one at a time, in
     * FIFO order, swapping idle ones out; every VM finds its data intact after coming back.
     */
    private static KernelStatistics runFourUnderABudget(MemoryManager memory, long swapBytes) throws Exception {
        KernelTesting.Trace trace = new KernelTesting.Trace();
        Kernel kernel = new Kernel(deterministic(1000).withMinFreeBackingPages(10), memory);
        GuestImage image = Guests.image(DIRTY_IDLE_CHECK);
        List<VirtualMachine> vms = new ArrayList<>();
        int[] outOfMemorySeen = {0};
        kernel.observe((vmId, reason, instructions, lines, clock) -> {
            trace.quantumEnded(vmId, reason, instructions, lines, clock);
            for (VirtualMachine vm : vms) { // under the kernel's lock: admission state is stable
                if (!vm.admitted() && vm.state() != VmState.ENDED) {
                    assertTrue(vm.memory().tablesDropped(), vm + " out of memory keeps no page table");
                    assertTrue(vm.registers().isShrunk(), vm + " out of memory keeps only its register record");
                    outOfMemorySeen[0]++;
                }
            }
        });
        for (int i = 0; i < 4; i++) {
            vms.add(kernel.instantiate(image, VmConfig.defaults().withSwapBytes(swapBytes),
                new ByteArrayOutputStream()));
        }
        KernelStatistics stats = kernel.run();
        assertTrue(outOfMemorySeen[0] > 0, "some VM was checked while out of memory");
        for (VirtualMachine vm : vms) {
            assertEquals(VmExit.terminated(0), vm.exit(), "data intact after swap-out and in: " + vm);
        }
        assertEquals(List.of(1, 2, 3, 4), List.copyOf(new LinkedHashSet<>(trace.order())), "FIFO admission");
        assertTrue(stats.pageOuts() >= 3 * 8, "idle VMs were swapped out: " + stats.summary());
        assertTrue(stats.pageIns() >= 3 * 7, "and paged back in: " + stats.summary());
        assertEquals(20, memory.freeBackingPages(), "everything released at the end");
        return stats;
    }

    @Test
    void gatekeeperAdmitsFifoUnderAMemoryBudgetAndSwapsIdleVmsOut() throws Exception {
        runFourUnderABudget(new InHeapMemoryManager(20), 0);
    }

    @Test
    void theSwapFileMemoryManagerPlugsIntoTheGatekeeper(@TempDir Path dir) throws Exception {
        try (SwapSpace swap = SwapSpace.create(dir.resolve("denali.swap"), 4 << 20)) {
            PhysicalMemory physical = new PhysicalMemory(20, swap, new LeastRecentlyRunPolicy());
            runFourUnderABudget(new SwapMemoryManager(physical), 64 << 10);
            assertEquals(0, physical.vms().size(), "every VM's memory and swap region released");
        }
    }
}
