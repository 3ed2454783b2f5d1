package org.denali.emulator.devices.timer;

/**
 * The kernel's side of a VM's timer: it keeps the deadline in its own time base (physical time, or virtual time in
 * deterministic mode) and raises line TIMER at the first scheduling point at or after it; a periodic arming then
 * sets the next deadline one period later. A VM has one timer: every call replaces the previous arming.
 */
public interface TimerService {
    /** (Re-)arms the VM's timer to fire once, {@code micros} µs from now, replacing any earlier arming. */
    void arm(long micros);

    /**
     * (Re-)arms the VM's timer to fire every {@code periodMicros} µs, the first time one period from now,
     * replacing any earlier arming; it fires until disarmed or re-armed.
     */
    void armPeriodic(long periodMicros);

    /** Cancels an armed timer; a disarmed timer never fires. */
    void disarm();
}
