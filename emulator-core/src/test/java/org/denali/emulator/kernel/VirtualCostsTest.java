package org.denali.emulator.kernel;

import static org.denali.emulator.kernel.KernelTesting.deterministic;
import static org.denali.emulator.kernel.KernelTesting.kernel;
import static org.denali.emulator.kernel.KernelTesting.vm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The deterministic clock's cost model: a VM switch advances virtual time by exactly the charge. */
class VirtualCostsTest {
    private static final String COUNTDOWN = "mov $300, %ecx\n1: dec %ecx\njnz 1b\nexit 0";

    /** Virtual time at each quantum's end, with and without a 1 ms switch charge, for two VMs taking turns. */
    private static List<Long> clockAtQuantumEnds(VirtualCosts costs) throws Exception {
        Kernel kernel = kernel(deterministic(100));
        kernel.modelCosts(costs);
        List<Long> clock = new ArrayList<>();
        kernel.observe((vmId, reason, instructions, lines, clockNanos) -> clock.add(clockNanos));
        vm(kernel, Guests.image(COUNTDOWN));
        vm(kernel, Guests.image(COUNTDOWN));
        KernelStatistics stats = kernel.run();
        clock.add(stats.vmSwitches());
        return clock;
    }

    @Test
    void eachVmSwitchAdvancesVirtualTimeByTheCharge() throws Exception {
        List<Long> free = clockAtQuantumEnds(VirtualCosts.NONE);
        List<Long> charged = clockAtQuantumEnds(new VirtualCosts(1_000_000, 0, 0));
        assertEquals(free.size(), charged.size());
        long switches = free.get(free.size() - 1);
        assertEquals(switches, charged.get(charged.size() - 1));
        // the switch into a quantum is charged before it runs, so by its end: the free clock + 1 ms per switch so far
        int quanta = free.size() - 1;
        long lastFree = free.get(quanta - 1);
        long lastCharged = charged.get(quanta - 1);
        assertEquals(lastFree + switches * 1_000_000, lastCharged);
    }

    @Test
    void negativeCostsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new VirtualCosts(-1, 0, 0));
    }
}
