package org.denali.emulator.kernel.policy;

import java.util.ArrayDeque;

/**
 * The paper's scheduler: round-robin among admitted VMs [paper §2.2]. Compensation for idling is defined here as
 * "runs before the VMs that did not idle, once": a VM waking from idle joins a queue of compensated VMs (FIFO)
 * that is served first, then rejoins the ordinary tail like everyone else. Promotion (synchronous interrupts)
 * puts a VM at the head of that queue.
 *
 * <p>Bounded priority: at most {@link #COMPENSATED_RUN} compensated VMs run in a row while an ordinary VM waits.
 * Without the bound a saturated kernel starves: with 10,000 VMs waking every millisecond, woken VMs kept
 * arriving faster than the kernel ran them and VMs that had never idled never ran (measured by
 * {@code denali bench scale}: about 1,300 of 10,000 ever ran). With it, an ordinary VM at position p runs
 * within (COMPENSATED_RUN + 1) × p quanta whatever the wake rate.
 */
public final class RoundRobinScheduler implements Scheduler {
    /** Compensated VMs that may run back to back while ordinary VMs wait. */
    static final int COMPENSATED_RUN = 4;

    private final ArrayDeque<Integer> compensated = new ArrayDeque<>();
    private final ArrayDeque<Integer> ordinary = new ArrayDeque<>();
    private int compensatedInARow;

    @Override
    public void ready(int vmId, boolean wasCompensated) {
        if (wasCompensated) {
            compensated.addLast(vmId);
        } else {
            ordinary.addLast(vmId);
        }
    }

    @Override
    public void promote(int vmId) {
        if (ordinary.removeFirstOccurrence(vmId) || compensated.removeFirstOccurrence(vmId)) {
            compensated.addFirst(vmId);
        }
    }

    @Override
    public void remove(int vmId) {
        if (!ordinary.removeFirstOccurrence(vmId)) {
            compensated.removeFirstOccurrence(vmId);
        }
    }

    @Override
    public int next() {
        boolean ordinaryTurn = ordinary.isEmpty() ? false
            : compensated.isEmpty() || compensatedInARow >= COMPENSATED_RUN;
        if (ordinaryTurn) {
            compensatedInARow = 0;
            return ordinary.pollFirst();
        }
        Integer id = compensated.pollFirst();
        if (id == null) {
            return -1;
        }
        compensatedInARow++;
        return id;
    }

    @Override
    public int size() {
        return compensated.size() + ordinary.size();
    }
}
