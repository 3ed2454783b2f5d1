package org.denali.emulator.kernel;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * Pending idle timeouts and timer expiries, earliest first (ties in insertion order, for determinism). A VM has at
 * most one entry of each kind: re-arming or cancelling removes the old entry, so a guest that re-arms its timer in
 * a loop, or idles with long timeouts and is always woken early, cannot grow the queue. Guarded by the kernel's
 * lock.
 */
final class DeadlineQueue {
    enum Kind { IDLE_TIMEOUT, TIMER }

    record Deadline(long atNanos, long sequence, VirtualMachine vm, Kind kind) {
    }

    private final TreeSet<Deadline> queue = new TreeSet<>(
        Comparator.comparingLong(Deadline::atNanos).thenComparingLong(Deadline::sequence));
    private long sequence;

    /** Sets {@code vm}'s deadline of {@code kind}, replacing the previous one. */
    void set(VirtualMachine vm, Kind kind, long atNanos) {
        cancel(vm, kind);
        Deadline d = new Deadline(atNanos, sequence++, vm, kind);
        queue.add(d);
        vm.run().deadline(kind, d);
    }

    void cancel(VirtualMachine vm, Kind kind) {
        Deadline old = vm.run().deadline(kind);
        if (old != null) {
            queue.remove(old);
            vm.run().deadline(kind, null);
        }
    }

    /** The next entry due at or before {@code now}, removed (and no longer the VM's), or null. */
    Deadline pollDue(long now) {
        if (queue.isEmpty() || queue.first().atNanos() > now) {
            return null;
        }
        Deadline d = queue.pollFirst();
        d.vm().run().deadline(d.kind(), null);
        return d;
    }

    /** Time of the earliest entry, or Long.MAX_VALUE. */
    long earliest() {
        return queue.isEmpty() ? Long.MAX_VALUE : queue.first().atNanos();
    }

    /** Every entry, earliest first (ties in insertion order): re-{@link #set} in this order, they keep it. */
    java.util.List<Deadline> inOrder() {
        return java.util.List.copyOf(queue);
    }

    /** Drops every entry (a kernel rewound to a checkpoint sets them again from it). */
    void clear() {
        for (Deadline d : queue) {
            d.vm().run().deadline(d.kind(), null);
        }
        queue.clear();
    }

    int size() {
        return queue.size();
    }
}
