package org.denali.ide.views.interrupts;

import java.util.ArrayList;
import java.util.List;
import org.denali.ide.views.monitor.InterruptQueue;

/**
 * Pairs a VM's raise/deliver history into batches: Denali queues raised lines in a bitmask and delivers them all
 * in one frame at the VM's next quantum (docs/architecture.md §6), so one delivery answers every raise of its lines
 * since the previous delivery. Raises not delivered yet form a last, pending batch.
 */
public final class BatchTimeline {
    /**
     * @param lines the delivered (or still pending) mask
     * @param firstRaisedNanos the earliest raise this batch answers
     * @param deliveredNanos when the frame was delivered, -1 while pending
     * @param raises raise events folded into this batch
     */
    public record Batch(int lines, long firstRaisedNanos, long deliveredNanos, int raises) {
        public boolean pending() {
            return deliveredNanos < 0;
        }

        /** Time from the first raise to delivery, in ns; -1 while pending. */
        public long waitedNanos() {
            return pending() ? -1 : deliveredNanos - firstRaisedNanos;
        }
    }

    private BatchTimeline() {
    }

    public static List<Batch> batches(List<InterruptQueue.Event> history) {
        List<Batch> batches = new ArrayList<>();
        int raisedMask = 0;
        long firstRaise = -1;
        int raises = 0;
        for (InterruptQueue.Event e : history) {
            if (e.delivered()) {
                // a delivery with no raise in the (bounded) history started before it: its raise time is unknown
                batches.add(new Batch(e.lines(), firstRaise < 0 ? e.timeNanos() : firstRaise, e.timeNanos(), raises));
                raisedMask &= ~e.lines();
                if (raisedMask == 0) {
                    firstRaise = -1;
                    raises = 0;
                }
            } else {
                if (raisedMask == 0 || firstRaise < 0) {
                    firstRaise = e.timeNanos();
                }
                raisedMask |= e.lines();
                raises++;
            }
        }
        if (raisedMask != 0) {
            batches.add(new Batch(raisedMask, firstRaise, -1, raises));
        }
        return batches;
    }
}
