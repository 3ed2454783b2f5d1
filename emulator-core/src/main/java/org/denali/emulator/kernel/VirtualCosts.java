package org.denali.emulator.kernel;

import java.util.HashMap;
import java.util.Map;

/**
 * What the deterministic clock charges beyond retired instructions, to model a real machine's costs in virtual
 * time: a VM switch, and each page a VM moves between swap and memory (a seek per quantum that moved pages, plus
 * a transfer time per page; the disk is modelled as one device the whole kernel waits for). Without it (the
 * default, {@link #NONE}) virtual time is instructions only: switches and paging are free, so experiments whose
 * point is their cost (the paper's batched interrupts, its paging cliff) cannot show it. Physical time ignores
 * charges (the host's own costs are real there). Used under the kernel's lock.
 */
public final class VirtualCosts {
    /** Instructions only. */
    public static final VirtualCosts NONE = new VirtualCosts(0, 0, 0);

    private final long switchNanos;
    private final long seekNanos;
    private final long pageNanos;
    /** Pages each VM had moved when it was last charged, by VM id. */
    private final Map<Integer, Long> moved = new HashMap<>();

    /**
     * @param switchNanos charged when a worker runs a different VM than in its previous quantum
     * @param seekNanos charged once per quantum after which the VM has moved pages
     * @param pageNanos charged per page moved in or out
     */
    public VirtualCosts(long switchNanos, long seekNanos, long pageNanos) {
        if (switchNanos < 0 || seekNanos < 0 || pageNanos < 0) {
            throw new IllegalArgumentException("costs must be at least 0");
        }
        this.switchNanos = switchNanos;
        this.seekNanos = seekNanos;
        this.pageNanos = pageNanos;
    }

    public long switchNanos() {
        return switchNanos;
    }

    /** The virtual time to charge after {@code vm}'s quantum: its pages moved since the last charge. */
    long pagingNanos(VirtualMachine vm) {
        if (seekNanos == 0 && pageNanos == 0) {
            return 0;
        }
        long total = vm.pageIns() + vm.pageOuts();
        Long before = moved.put(vm.id(), total);
        long pages = total - (before == null ? 0 : before);
        return pages <= 0 ? 0 : seekNanos + pages * pageNanos;
    }
}
