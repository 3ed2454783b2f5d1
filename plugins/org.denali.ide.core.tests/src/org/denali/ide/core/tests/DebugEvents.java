package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IDebugEventSetListener;

/** Collects the platform's debug events so a test can wait for the one it expects (no sleeps). */
final class DebugEvents implements IDebugEventSetListener, AutoCloseable {
    static final long TIMEOUT_SECONDS = 60;
    private final BlockingQueue<DebugEvent> events = new LinkedBlockingQueue<>();
    private java.util.function.Supplier<String> diagnostics = () -> "";

    /** What a failed wait reports besides the missing event (the kernel's output, the RSP trace). */
    void setDiagnostics(java.util.function.Supplier<String> diagnostics) {
        this.diagnostics = diagnostics;
    }

    DebugEvents() {
        DebugPlugin.getDefault().addDebugEventListener(this);
    }

    @Override
    public void handleDebugEvents(DebugEvent[] set) {
        for (DebugEvent e : set) {
            events.add(e);
        }
    }

    /** The next event matching {@code wanted}; earlier events are dropped. Fails after the timeout. */
    DebugEvent await(String what, Predicate<DebugEvent> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            DebugEvent e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            if (e == null) {
                assertNotNull(e, "no " + what + " within " + TIMEOUT_SECONDS + " s\n" + diagnostics.get());
            }
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    DebugEvent awaitSuspend(Object source) throws InterruptedException {
        return await("SUSPEND of " + source, e -> e.getKind() == DebugEvent.SUSPEND
                && (source == null || e.getSource() == source));
    }

    void clear() {
        events.clear();
    }

    @Override
    public void close() {
        DebugPlugin.getDefault().removeDebugEventListener(this);
    }
}
