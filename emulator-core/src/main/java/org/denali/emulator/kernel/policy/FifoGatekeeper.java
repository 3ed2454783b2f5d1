package org.denali.emulator.kernel.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;

/**
 * The paper's gatekeeper: admit waiting VMs in FIFO order as long as at least {@code minFreePages} backing pages
 * stay free after the admitted VM's expected footprint is charged [paper §2.2; the threshold is our choice].
 *
 * <p>Two decisions of ours keep it starvation-free with a small budget: when VMs are waiting and memory is short,
 * idle admitted VMs are swapped out, longest idle first (they are not using the CPU, so the paper's policy would
 * have them on disk); and if no VM at all is admitted, the head of the queue is admitted whatever the budget says,
 * so the kernel always makes progress.
 */
public final class FifoGatekeeper implements Gatekeeper {
    private final long minFreePages;
    /**
     * The waiting VMs in arrival order (4 bytes each, not a set entry and a boxed Integer: a million VMs wait at
     * start). An ended VM's id may linger until it reaches the head; {@link #queued} says who still waits.
     */
    private final IntQueue queue = new IntQueue();
    private final BitSet queued = new BitSet();
    private int waiting;

    public FifoGatekeeper(long minFreePages) {
        this.minFreePages = minFreePages;
    }

    @Override
    public void waiting(int vmId) {
        if (queued.get(vmId)) {
            return;
        }
        queued.set(vmId);
        waiting++;
        queue.addLast(vmId);
    }

    @Override
    public void remove(int vmId) {
        if (queued.get(vmId)) {
            queued.clear(vmId);
            waiting--;
        }
    }

    @Override
    public int waitingCount() {
        return waiting;
    }

    /** The longest-waiting VM, dropping ended ones from the head first; -1 if none waits. */
    private int peek() {
        while (!queue.isEmpty()) {
            int vm = queue.peekFirst();
            if (queued.get(vm)) {
                return vm;
            }
            queue.pollFirst();
        }
        return -1;
    }

    @Override
    public byte[] saveState() {
        return new PolicyState().putQueue(queue).putBits(queued).putInt(waiting).bytes();
    }

    @Override
    public void restoreState(byte[] state) {
        PolicyState.Reader in = new PolicyState.Reader(state);
        in.getQueue(queue);
        in.getBits(queued);
        waiting = in.getInt();
    }

    @Override
    public List<Integer> admit(AdmissionView view) {
        List<Integer> admitted = new ArrayList<>();
        long free = view.freeBackingPages();
        for (int vm = peek(); vm >= 0; vm = peek()) {
            long after = free - view.footprintPages(vm);
            boolean nothingRuns = view.admittedCount() + admitted.size() == 0;
            if (after < minFreePages && !nothingRuns) {
                break; // FIFO: nobody overtakes the head
            }
            admitted.add(vm);
            queue.pollFirst();
            remove(vm);
            free = after;
        }
        return admitted;
    }

    @Override
    public List<Integer> evict(AdmissionView view, Collection<Integer> idleAdmitted) {
        int first = peek();
        if (first < 0) {
            return List.of();
        }
        long needed = minFreePages + view.footprintPages(first);
        long free = view.freeBackingPages();
        List<Integer> out = new ArrayList<>();
        for (int vm : idleAdmitted) {
            if (free >= needed) {
                break;
            }
            out.add(vm);
            free += view.residentPages(vm);
        }
        return out;
    }
}
