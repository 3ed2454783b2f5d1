package org.denali.emulator.arch;

/**
 * A fault raised while executing one instruction (#DE, #UD, #GP). Thrown before the instruction changed any
 * architectural state, caught by the run loop and turned into a {@link org.denali.emulator.cpu.Fault}. No stack trace: control flow.
 *
 * <p>Public so that a {@link org.denali.emulator.cpu.CpuHost} (the kernel's port bus and its devices) can fault the {@code in}/{@code out}
 * being executed, e.g. #GP for a port outside the Denali port map.
 */
public final class GuestException extends RuntimeException {
    final int vector;

    public GuestException(int vector, String message) {
        super(message, null, false, false);
        this.vector = vector;
    }

    /** The {@link FaultVector} this exception raises. */
    public int vector() {
        return vector;
    }
}
