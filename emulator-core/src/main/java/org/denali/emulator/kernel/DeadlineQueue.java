package org.denali.emulator.kernel;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Pending idle timeouts and timer expiries, earliest first (ties in insertion order, for determinism). Entries
 * are never removed early: each carries the generation of the idle or timer arming it belongs to, and a stale
 * one (the VM woke, or re-armed its timer) is ignored when it comes due. Guarded by the kernel's lock.
 */
final class DeadlineQueue {
    enum Kind { IDLE_TIMEOUT, TIMER }

    record Deadline(long atNanos, long sequence, VirtualMachine vm, Kind kind, long generation) {
    }

    private final PriorityQueue<Deadline> queue = new PriorityQueue<>(
        Comparator.comparingLong(Deadline::atNanos).thenComparingLong(Deadline::sequence));
    private long sequence;

    void add(long atNanos, VirtualMachine vm, Kind kind, long generation) {
        queue.add(new Deadline(atNanos, sequence++, vm, kind, generation));
    }

    /** The next entry due at or before {@code now}, removed, or null. */
    Deadline pollDue(long now) {
        Deadline head = queue.peek();
        return head != null && head.atNanos() <= now ? queue.poll() : null;
    }

    /** Time of the earliest entry, or Long.MAX_VALUE. */
    long earliest() {
        Deadline head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.atNanos();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
