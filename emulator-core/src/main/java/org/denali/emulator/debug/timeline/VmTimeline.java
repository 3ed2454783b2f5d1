package org.denali.emulator.debug.timeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM's events, oldest first, at most {@code capacity} of them (the oldest are dropped and counted). The
 * high-water mark is the end of the last quantum recorded: a quantum that ends at or before it is a replay of
 * history already here (after a seek back) and is not added again.
 */
final class VmTimeline {
    private final ArrayDeque<TimelineEvent> events = new ArrayDeque<>();
    private long recordedUpTo = -1;
    private long dropped;
    private long pageIns;
    private long pageOuts;

    /** True if the quantum ending at {@code end} is new history (not a replay of what is recorded). */
    boolean isNew(long end) {
        return end > recordedUpTo;
    }

    /** True if an event at {@code at} is new history: at or after the end of the recorded quanta. */
    boolean isNewPoint(long at) {
        return at >= recordedUpTo;
    }

    void quantumEnded(long end) {
        recordedUpTo = Math.max(recordedUpTo, end);
    }

    void add(TimelineEvent event, int capacity) {
        events.addLast(event);
        while (events.size() > capacity) {
            events.removeFirst();
            dropped++;
        }
    }

    /** Paging counter deltas since the last call: {ins, outs}. */
    long[] pagingSince(long ins, long outs) {
        long[] delta = {Math.max(0, ins - pageIns), Math.max(0, outs - pageOuts)};
        pageIns = ins;
        pageOuts = outs;
        return delta;
    }

    /** The newest {@code limit} events with {@code at} in [from, to], oldest first. */
    List<TimelineEvent> newest(long from, long to, int limit) {
        List<TimelineEvent> picked = new ArrayList<>();
        var it = events.descendingIterator();
        while (it.hasNext() && picked.size() < limit) {
            TimelineEvent e = it.next();
            if (e.at() >= from && e.at() <= to) {
                picked.add(e);
            }
        }
        java.util.Collections.reverse(picked);
        return picked;
    }

    long dropped() {
        return dropped;
    }

    long recordedUpTo() {
        return recordedUpTo;
    }

    int size() {
        return events.size();
    }
}
