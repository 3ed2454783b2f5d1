package org.denali.emulator.debug;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import org.denali.emulator.kernel.policy.Scheduler;

/**
 * Wraps the kernel's scheduling policy so the debugger can hold VMs: a runnable VM the debugger wants stopped is
 * parked here instead of being queued, and queued again when released. Without a debugger decision it passes
 * every call through. It also mirrors the queue (head/tail insertion as the contract describes it) so the
 * debugger can show the run queue without the policy exposing its internals. Guarded by the kernel's lock, like
 * every scheduler.
 */
final class DebugScheduler implements Scheduler {
    private final Scheduler inner;
    private final ArrayDeque<Integer> mirror = new ArrayDeque<>();
    private final Set<Integer> parked = new LinkedHashSet<>();
    private final Set<Integer> removed = new LinkedHashSet<>();
    private IntPredicate mustPark = id -> false;
    private IntConsumer beforeDispatch = id -> { };
    /** A replay's choice of the next VM ({@link #NOT_FORCED} while live). */
    private IntSupplier forced = () -> NOT_FORCED;
    /** {@link #force}'s supplier: the policy decides. */
    static final int NOT_FORCED = RunHistory.NOT_FORCED;

    DebugScheduler(Scheduler inner) {
        this.inner = inner;
    }

    /** @param park decides whether a VM that becomes runnable is held instead (the debugger's halt) */
    void parkWhen(IntPredicate park) {
        this.mustPark = park;
    }

    /**
     * A replay decides which VM runs next instead of the policy: the supplier names it (parked or queued), -1 for
     * "none yet" (the kernel then lets time pass to the next deadline), or {@link #NOT_FORCED}.
     */
    void force(IntSupplier choice) {
        this.forced = choice;
    }

    /** Called with the kernel's lock held whenever the kernel asks for the next VM (after any quantum ended). */
    void beforeDispatch(IntConsumer hook) {
        this.beforeDispatch = hook;
    }

    @Override
    public void ready(int vmId, boolean compensated) {
        if (mustPark.test(vmId)) {
            parked.add(vmId);
            return;
        }
        inner.ready(vmId, compensated);
        if (compensated) {
            mirror.addFirst(vmId);
        } else {
            mirror.addLast(vmId);
        }
    }

    @Override
    public void promote(int vmId) {
        inner.promote(vmId);
        if (mirror.removeFirstOccurrence(vmId)) {
            mirror.addFirst(vmId);
        }
    }

    @Override
    public void remove(int vmId) {
        inner.remove(vmId);
        mirror.removeFirstOccurrence(vmId);
        parked.remove(vmId);
        removed.add(vmId);
    }

    @Override
    public int next() {
        if (!removed.isEmpty()) {
            List<Integer> ended = new ArrayList<>(removed);
            removed.clear();
            ended.forEach(beforeDispatch::accept);
        }
        int choice = forced.getAsInt();
        if (choice != NOT_FORCED) {
            return take(choice);
        }
        int id = inner.next();
        if (id >= 0) {
            mirror.removeFirstOccurrence(id);
        }
        return id;
    }

    /** The forced VM out of the parked set or the run queue; -1 if it is in neither (not runnable yet). */
    private int take(int id) {
        if (id < 0) {
            return -1;
        }
        if (parked.remove(id)) {
            return id;
        }
        if (mirror.removeFirstOccurrence(id)) {
            inner.remove(id);
            return id;
        }
        return -1;
    }

    @Override
    public int size() {
        return inner.size();
    }

    /** The inner policy's state: the debugger's own (parked VMs) is not the kernel's; see {@link #heldOutsideQueues}. */
    @Override
    public byte[] saveState() {
        return inner.saveState();
    }

    @Override
    public int[] heldOutsideQueues() {
        return parked.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void restoreState(byte[] state) {
        inner.restoreState(state);
        mirror.clear();
        parked.clear();
        removed.clear();
    }

    /** The mirror is the debugger's view of the queue: rebuilt in id order (the inner queue keeps the real order). */
    @Override
    public void restoredRunnable(int[] vmIds) {
        mirror.clear();
        for (int id : vmIds) {
            mirror.addLast(id);
        }
    }

    /** Takes a queued VM out of the run queue (the debugger halts it); true if it was queued. */
    boolean hold(int vmId) {
        if (mirror.removeFirstOccurrence(vmId)) {
            inner.remove(vmId);
            parked.add(vmId);
            return true;
        }
        return false;
    }

    /** Queues a parked VM again; false if it was not parked (it is running, idle, waiting or ended). */
    boolean release(int vmId) {
        if (parked.remove(vmId)) {
            inner.ready(vmId, false);
            mirror.addLast(vmId);
            return true;
        }
        return false;
    }

    boolean isParked(int vmId) {
        return parked.contains(vmId);
    }

    /** The run queue as the mirror sees it, next first. */
    List<Integer> queue() {
        return List.copyOf(mirror);
    }
}
