package org.denali.emulator.kernel.memory;

import java.util.Comparator;
import java.util.List;

/**
 * Default eviction policy: take pages from the VM whose last quantum ended longest ago (ties: lower VM id), so
 * VMs the round-robin scheduler will run soonest keep their working set. LRU at VM granularity, which is what
 * the kernel can observe cheaply: it has no accessed bits for individual guest pages.
 */
public final class LeastRecentlyRunPolicy implements EvictionPolicy {
    private static final Comparator<VmMemory> ORDER =
        Comparator.comparingLong(VmMemory::lastRunNanos).thenComparingInt(VmMemory::vmId);

    @Override
    public VmMemory chooseVictim(List<VmMemory> candidates) {
        return candidates.stream().min(ORDER).orElseThrow();
    }
}
