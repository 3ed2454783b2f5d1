package org.denali.emulator.devices;

/**
 * Where a device raises a virtual interrupt for its VM. The kernel's implementation sets the line's bit in the
 * VM's pending bitmask and, in synchronous mode, schedules the VM at once; devices never deliver interrupts
 * themselves.
 */
@FunctionalInterface
public interface InterruptSink {
    /** Marks {@code line} (an {@link org.denali.emulator.arch.InterruptLines} bit number) pending. */
    void raise(int line);
}
