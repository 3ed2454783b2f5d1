package org.denali.emulator.kernel.memory;

import java.util.List;

/**
 * Which VM gives up backing pages when the budget runs short (policy; {@link PhysicalMemory} is the mechanism).
 * The candidates are VMs that are not running, are not swapped out whole and have at least one evictable page.
 */
@FunctionalInterface
public interface EvictionPolicy {
    /** The VM to take pages from next; must be one of {@code candidates} (never empty). */
    VmMemory chooseVictim(List<VmMemory> candidates);
}
