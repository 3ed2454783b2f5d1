package org.denali.ide.views.swap;

import org.denali.ide.views.monitor.KernelStats;
import org.denali.ide.views.monitor.SwapState;

/** One refresh of the Swap view: the VM's residency and the kernel's physical page use. */
public record SwapData(SwapState swap, KernelStats stats) {
}
