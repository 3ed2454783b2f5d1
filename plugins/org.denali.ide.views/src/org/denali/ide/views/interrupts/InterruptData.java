package org.denali.ide.views.interrupts;

import org.denali.ide.views.monitor.InterruptQueue;
import org.denali.ide.views.monitor.KernelStats;

/** One refresh of the Interrupt Queue view: the VM's queue and the kernel-wide counters. */
public record InterruptData(InterruptQueue queue, KernelStats stats) {
}
