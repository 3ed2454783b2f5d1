package org.denali.ide.views.scheduler;

import java.util.List;
import java.util.Map;
import org.denali.ide.views.monitor.KernelStats;
import org.denali.ide.views.monitor.SchedulerState;
import org.denali.ide.views.monitor.VmRow;

/**
 * One refresh of the Scheduler view: the scheduler's queues (cut to {@link SchedulerView#LIST_LIMIT}), kernel
 * counters, and the VM table pages that were visible or wanted, all fetched with {@code filter}.
 */
public record SchedulerData(SchedulerState scheduler, KernelStats stats, String filter, int total, int matching,
        Map<Integer, List<VmRow>> pages) {
}
