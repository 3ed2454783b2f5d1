package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.denali.emulator.kernel.KernelTesting.kernel;
import static org.denali.emulator.kernel.KernelTesting.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Idle VMs keep their page tables and register pages only within the kernel's idle-table budget (a million idle
 * VMs holding ≈ 12–70 KB of tables each would not fit any heap); beyond it the oldest drop them and rebuild them
 * at their next quantum, which no guest may notice: private pages, stack and registers come back intact.
 */
class IdleTableBudgetTest {
    private static final int IDLES = 30;
    /** Idles IDLES times, keeping a count in its data page and its loop counter on its stack; exits count + VM id. */
    private static final String GUEST = """
        mov $%d, %%ecx
        1: incl counter
        push %%ecx
        mov $100, %%eax
        denali_idle
        pop %%ecx
        dec %%ecx
        jnz 1b
        mov counter, %%eax
        add VM_ID, %%eax
        denali_terminate
        .data
        counter: .long 0
        """.formatted(IDLES);

    @Test
    void withNoBudgetEveryIdleDropsTheTablesAndGuestsStillSeeTheirMemory() throws Exception {
        Kernel kernel = kernel(deterministic(10_000));
        kernel.limitIdleTables(0);
        GuestImage image = Guests.image(GUEST);
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            vms.add(vm(kernel, image));
        }
        kernel.run();
        for (VirtualMachine vm : vms) {
            assertEquals(VmExit.terminated(IDLES + vm.id()), vm.exit());
        }
        assertEquals(40L * IDLES, kernel.idleTableDrops(), "every idle dropped its VM's tables");
    }

    @Test
    void atMostTheBudgetedNumberOfWaitingVmsHoldTables() throws Exception {
        Kernel kernel = kernel(deterministic(10_000));
        GuestImage image = Guests.image(GUEST);
        List<VirtualMachine> vms = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            vms.add(vm(kernel, image));
        }
        int budgetVms = 5;
        kernel.limitIdleTables(budgetVms * vms.get(0).tableBytes());
        int[] mostHolding = {0};
        // After every quantum (under the kernel's lock): VMs not running that still hold a page table.
        kernel.observe((id, reason, instructions, lines, now) -> {
            int holding = 0;
            for (VirtualMachine vm : vms) {
                if (vm.state() != VmState.RUNNING && vm.memory() != null && !vm.memory().tablesDropped()) {
                    holding++;
                }
            }
            mostHolding[0] = Math.max(mostHolding[0], holding);
        });
        kernel.run();
        for (VirtualMachine vm : vms) {
            assertEquals(VmExit.terminated(IDLES + vm.id()), vm.exit());
        }
        assertTrue(mostHolding[0] <= budgetVms, "at most " + budgetVms + " waiting VMs hold tables, saw "
            + mostHolding[0]);
        assertTrue(mostHolding[0] > 0, "within the budget idle VMs keep their tables");
        assertTrue(kernel.idleTableDrops() > 0);
    }
}
