package org.denali.ide.views.monitor;

import java.util.List;

/**
 * Reply to {@code timeline VM LIMIT}: what happened to one VM over the recorded run, on its axis of retired
 * instructions (docs/debugging.md, "Reverse debugging in the IDE").
 *
 * @param icount       the VM's retired instructions now (-1: it has ended)
 * @param recordedUpTo where the history recorded so far ends (the end of its last quantum; -1 before any)
 * @param dropped      the VM's oldest events the kernel no longer keeps
 * @param events       oldest first
 */
public record Timeline(int vm, long icount, long recordedUpTo, long dropped, List<Event> events) {

    /** What the kernel logs (TimelineEvent in the emulator). */
    public enum Kind {
        QUANTUM, INTERRUPTS, SWAP_OUT, PAGE_IN, PACKET_SENT, PACKET_RECEIVED
    }

    /**
     * @param at     the VM's count where it happened (a quantum's start)
     * @param length a quantum's instructions, a frame's bytes, pages, or the delivered lines' mask
     * @param detail a quantum's stop reason, else empty
     */
    public record Event(Kind kind, long at, long length, long clockNanos, String detail) {
        /** Where it ends on the axis (a quantum spans its instructions; the rest are points). */
        public long end() {
            return kind == Kind.QUANTUM ? at + length : at;
        }
    }

    /** The axis the view draws: from the first event (or 0) to the end of the history or the VM's count. */
    public long first() {
        return events.isEmpty() ? 0 : events.get(0).at();
    }

    public long last() {
        long last = Math.max(recordedUpTo, icount);
        for (Event e : events) {
            last = Math.max(last, e.end());
        }
        return Math.max(last, first() + 1);
    }
}
