package org.denali.emulator.debug.rsp;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Non-stop mode's stop reports (gdb's "Remote Non-Stop"): every stop is queued; the first of a run goes out as a
 * {@code %Stop:} notification, and gdb then drains the queue with {@code vStopped} until it gets {@code OK}. Only one
 * notification is outstanding at a time: stops that happen meanwhile wait in the queue for the next vStopped. The
 * queue's head is the stop gdb has been told about but not yet acknowledged (as in gdbserver).
 */
final class StopNotifications {
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean outstanding;

    /** Queues a stop reply; returns it if it must be sent as a notification now, else null (gdb will ask). */
    String add(String stopReply) {
        queue.add(stopReply);
        if (outstanding) {
            return null;
        }
        outstanding = true;
        return stopReply;
    }

    /** vStopped: gdb has seen the head; the reply is the next queued stop, or OK once the queue is empty. */
    String acknowledge() {
        queue.poll();
        String next = queue.peek();
        if (next == null) {
            outstanding = false;
            return "OK";
        }
        return next;
    }

    /** '?' in non-stop mode: the queue becomes these stops; the reply is the first (gdb drains the rest), or OK. */
    String restart(List<String> stopReplies) {
        queue.clear();
        queue.addAll(stopReplies);
        outstanding = !queue.isEmpty();
        return outstanding ? queue.peek() : "OK";
    }

    void clear() {
        queue.clear();
        outstanding = false;
    }
}
