package org.denali.emulator.kernel;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The kernel's lock, private to it: its scheduling state, the policies it calls (scheduler, gatekeeper, quantum
 * limit, observer, fault hold) and every VM's {@link VmRunState} are guarded by this lock's monitor, which no
 * class outside the kernel package can name. A debugger whose own state the kernel's hooks touch runs its commands
 * through {@link #run}/{@link #get} so hooks and commands see one consistent state, and waits with {@link #await};
 * nobody synchronizes on the {@link Kernel} object.
 */
public final class KernelLock {
    private final Object monitor = new Object();

    /** The monitor itself, for the kernel's own synchronized blocks and waits. */
    Object monitor() {
        return monitor;
    }

    /** Runs {@code action} holding the lock (reentrant). */
    public void run(Runnable action) {
        synchronized (monitor) {
            action.run();
        }
    }

    /** Computes {@code action} holding the lock (reentrant). */
    public <T> T get(Supplier<T> action) {
        synchronized (monitor) {
            return action.get();
        }
    }

    /**
     * Waits, holding the lock between checks, until {@code condition} holds; false after {@code timeoutMillis}.
     * The kernel signals after every quantum and every state change; the wait also re-checks every 20 ms.
     */
    public boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (monitor) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                monitor.wait(Math.max(1, Math.min(left / 1_000_000, 20)));
            }
            return true;
        }
    }

    /** Wakes the kernel's idle workers and every {@link #await}: something they wait for may have changed. */
    public void signalAll() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
