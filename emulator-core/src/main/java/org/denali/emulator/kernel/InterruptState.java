package org.denali.emulator.kernel;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * A VM's pending-interrupt bitmask (the paper's per-VM bitmask) and a bounded history of raised and delivered
 * batches. Raising may happen on any thread (a device, another VM's NIC, the host's keyboard reader) while the
 * VM's worker takes the batch, so both are synchronized, and the PENDING_INTERRUPTS register is updated inside
 * the same critical section so it never shows a stale mask.
 */
public final class InterruptState {
    private final int historyLimit;
    /** Created by the first recorded event (never with a limit of 0): most of a million VMs see none. */
    private ArrayDeque<InterruptEvent> history;
    private final IntConsumer pendingRegister;
    private int pending;

    /** @param pendingRegister told the new mask after every change */
    public InterruptState(int historyLimit, IntConsumer pendingRegister) {
        this.historyLimit = historyLimit;
        this.pendingRegister = pendingRegister;
    }

    /** Sets {@code line}'s bit. */
    public synchronized void raise(int line, long nowNanos) {
        pending |= 1 << line;
        pendingRegister.accept(pending);
        record(InterruptEvent.Kind.RAISED, 1 << line, nowNanos);
    }

    public synchronized int pending() {
        return pending;
    }

    /** Removes and returns the whole pending batch for delivery. */
    public synchronized int takeBatch(long nowNanos) {
        int batch = pending;
        pending = 0;
        pendingRegister.accept(0);
        if (batch != 0) {
            record(InterruptEvent.Kind.DELIVERED, batch, nowNanos);
        }
        return batch;
    }

    /** Sets the pending mask a checkpoint recorded (the VM is not running; the history is not restored). */
    public synchronized void restorePending(int mask) {
        pending = mask;
        pendingRegister.accept(mask);
    }

    /** Oldest first, at most the configured number of events. */
    public synchronized List<InterruptEvent> history() {
        return history == null ? List.of() : List.copyOf(history);
    }

    private void record(InterruptEvent.Kind kind, int lines, long nowNanos) {
        if (historyLimit == 0) {
            return;
        }
        if (history == null) {
            history = new ArrayDeque<>(Math.min(historyLimit, 4)); // grows on demand; most VMs see few interrupts
        }
        if (history.size() == historyLimit) {
            history.removeFirst();
        }
        history.addLast(new InterruptEvent(kind, lines, nowNanos));
    }
}
