package org.denali.emulator.devices.timer;

/**
 * The kernel's side of a VM's one-shot timer: it keeps the deadline in its own time base (physical time, or
 * virtual time in deterministic mode) and raises line TIMER at the first scheduling point at or after it.
 */
public interface TimerService {
    /** (Re-)arms the VM's timer to fire {@code micros} µs from now, replacing any earlier arming. */
    void arm(long micros);

    /** Cancels an armed timer; a disarmed timer never fires. */
    void disarm();
}
