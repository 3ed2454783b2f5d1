package org.denali.emulator.kernel;

/**
 * The kernel's time base in nanoseconds since the kernel started. Idle timeouts, the timer device and
 * SYSTEM_TIME_US all read it, so switching the clock switches the whole kernel between physical and virtual time.
 */
public interface KernelClock {
    long nanos();

    /** Accounts {@code instructions} just retired (virtual time moves; physical time ignores it). */
    void retired(long instructions);

    /** Nothing can run before {@code nanos}: virtual time jumps there; physical time must be waited for. */
    boolean skipTo(long nanos);

    /** Sets the clock to {@code nanos} (a checkpoint restored before the kernel runs). */
    void restoreTo(long nanos);

    static KernelClock of(ClockMode mode) {
        return mode == ClockMode.DETERMINISTIC ? new VirtualClock() : new PhysicalClock();
    }

    /** System.nanoTime relative to the kernel's start. */
    final class PhysicalClock implements KernelClock {
        private volatile long origin = System.nanoTime();

        @Override
        public long nanos() {
            return System.nanoTime() - origin;
        }

        /** Physical time goes on from the checkpoint's reading: the time the kernel was not running is skipped. */
        @Override
        public void restoreTo(long nanos) {
            origin = System.nanoTime() - nanos;
        }

        @Override
        public void retired(long instructions) {
        }

        @Override
        public boolean skipTo(long nanos) {
            return false;
        }
    }

    /**
     * One retired instruction = one nanosecond (the nominal 1 GHz CPU). Driven by the single deterministic worker,
     * read by device threads, hence volatile.
     */
    final class VirtualClock implements KernelClock {
        private volatile long now;

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void retired(long instructions) {
            now += instructions;
        }

        @Override
        public void restoreTo(long nanos) {
            now = nanos;
        }

        @Override
        public boolean skipTo(long nanos) {
            if (nanos > now) {
                now = nanos;
            }
            return true;
        }
    }
}
