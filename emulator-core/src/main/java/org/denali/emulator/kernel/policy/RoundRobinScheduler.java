package org.denali.emulator.kernel.policy;

import java.util.BitSet;

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
 *
 * <p>Nothing costs the number of queued VMs: {@link #remove} and {@link #promote} only mark (a VM that ends used
 * to be searched for through the whole run queue, which made {@code denali run --count N} quadratic: 22% of the
 * samples at 50,000 VMs). An id whose mark is gone is skipped when it reaches a queue's head; a promoted VM is
 * queued twice and runs from whichever entry comes first, the other is then skipped.
 */
public final class RoundRobinScheduler implements Scheduler {
    /** Compensated VMs that may run back to back while ordinary VMs wait. */
    static final int COMPENSATED_RUN = 4;

    private final IntQueue compensated = new IntQueue();
    private final IntQueue ordinary = new IntQueue();
    /** VMs that are runnable (each has at least one entry in the queues); entries of others are stale. */
    private final BitSet queued = new BitSet();
    private int size;
    private int compensatedInARow;
    /** Queue entries taken off a head so far, stale ones included: the scheduler's whole work (tests). */
    private long entriesVisited;

    @Override
    public void ready(int vmId, boolean wasCompensated) {
        if (queued.get(vmId)) {
            return; // already runnable: it keeps its place
        }
        queued.set(vmId);
        size++;
        if (wasCompensated) {
            compensated.addLast(vmId);
        } else {
            ordinary.addLast(vmId);
        }
    }

    @Override
    public void promote(int vmId) {
        if (queued.get(vmId)) {
            compensated.addFirst(vmId); // its older entry becomes stale once this one runs
        }
    }

    @Override
    public void remove(int vmId) {
        if (queued.get(vmId)) {
            queued.clear(vmId);
            size--;
        }
    }

    @Override
    public int next() {
        while (true) {
            dropStaleHead(compensated);
            dropStaleHead(ordinary);
            boolean ordinaryTurn = ordinary.isEmpty() ? false
                : compensated.isEmpty() || compensatedInARow >= COMPENSATED_RUN;
            IntQueue from;
            if (ordinaryTurn) {
                compensatedInARow = 0;
                from = ordinary;
            } else if (!compensated.isEmpty()) {
                compensatedInARow++;
                from = compensated;
            } else {
                return -1;
            }
            entriesVisited++;
            int id = from.pollFirst();
            if (queued.get(id)) {
                queued.clear(id);
                size--;
                return id;
            }
        }
    }

    private void dropStaleHead(IntQueue queue) {
        while (!queue.isEmpty() && !queued.get(queue.peekFirst())) {
            queue.pollFirst();
            entriesVisited++;
        }
    }

    @Override
    public int size() {
        return size;
    }

    /** Both queues as they are (stale entries too: one becomes live again if its VM is re-queued first). */
    @Override
    public byte[] saveState() {
        return new PolicyState().putQueue(compensated).putQueue(ordinary).putBits(queued).putInt(size)
            .putInt(compensatedInARow).bytes();
    }

    @Override
    public void restoreState(byte[] state) {
        PolicyState.Reader in = new PolicyState.Reader(state);
        in.getQueue(compensated);
        in.getQueue(ordinary);
        in.getBits(queued);
        size = in.getInt();
        compensatedInARow = in.getInt();
    }

    /** Queue entries looked at so far (the work of {@link #next}, {@link #remove} and {@link #promote} together). */
    long entriesVisited() {
        return entriesVisited;
    }
}
