package org.denali.ide.views.monitor;

import java.util.List;

/**
 * Reply to {@code sched LIMIT}: each list holds at most LIMIT entries, the counts are the full sizes.
 *
 * @param idle idle VMs with their timeouts (timeoutMicros -1 = forever) and kernel-clock wake deadlines
 */
public record SchedulerState(long nowNanos, Counts counts, List<Integer> admitted, List<Integer> running,
        List<Integer> runQueue, List<IdleVm> idle, List<Integer> gatekeeperQueue, List<Integer> held) {

    public record Counts(int admitted, int running, int runQueue, int idle, int gatekeeperQueue, int held) {
    }

    public record IdleVm(int vm, long timeoutMicros, long wakeAtNanos) {
    }
}
