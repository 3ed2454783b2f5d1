package org.denali.emulator.kernel.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
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
    private final LinkedHashSet<Integer> queue = new LinkedHashSet<>();

    public FifoGatekeeper(long minFreePages) {
        this.minFreePages = minFreePages;
    }

    @Override
    public void waiting(int vmId) {
        queue.add(vmId);
    }

    @Override
    public void remove(int vmId) {
        queue.remove(vmId);
    }

    @Override
    public int waitingCount() {
        return queue.size();
    }

    @Override
    public List<Integer> admit(AdmissionView view) {
        if (queue.isEmpty()) {
            return List.of();
        }
        List<Integer> admitted = new ArrayList<>();
        long free = view.freeBackingPages();
        var it = queue.iterator();
        while (it.hasNext()) {
            int vm = it.next();
            long after = free - view.footprintPages(vm);
            boolean nothingRuns = view.admittedCount() + admitted.size() == 0;
            if (after < minFreePages && !nothingRuns) {
                break; // FIFO: nobody overtakes the head
            }
            admitted.add(vm);
            it.remove();
            free = after;
        }
        return admitted;
    }

    @Override
    public List<Integer> evict(AdmissionView view, Collection<Integer> idleAdmitted) {
        if (queue.isEmpty()) {
            return List.of();
        }
        long needed = minFreePages + view.footprintPages(queue.iterator().next());
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
