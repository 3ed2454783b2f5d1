package org.denali.emulator.debug;

import java.util.List;

/**
 * The kernel's scheduling state at one moment.
 *
 * @param admitted VMs the gatekeeper has admitted
 * @param running VMs on a worker thread now
 * @param runQueue runnable admitted VMs, next first
 * @param idle VMs idling, with their wake-up deadlines
 * @param gatekeeperQueue VMs waiting to be admitted, in arrival order
 * @param held VMs the debugger holds stopped
 */
public record SchedulerSnapshot(long nowNanos, List<Integer> admitted, List<Integer> running, List<Integer> runQueue,
                                List<IdleVm> idle, List<Integer> gatekeeperQueue, List<Integer> held) {
    /**
     * @param timeoutMicros the idle's timeout as the guest asked for it; -1 = idle forever (or hlt)
     * @param wakeAtNanos kernel-clock deadline, or -1 for no deadline
     */
    public record IdleVm(int vmId, long timeoutMicros, long wakeAtNanos) {
    }
}
