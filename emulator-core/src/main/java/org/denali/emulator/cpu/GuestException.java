package org.denali.emulator.cpu;

/**
 * A fault raised while executing one instruction (#DE, #UD, #GP). Thrown before the instruction changed any
 * architectural state, caught by the run loop and turned into a {@link Fault}. No stack trace: control flow.
 */
final class GuestException extends RuntimeException {
    final int vector;

    GuestException(int vector, String message) {
        super(message, null, false, false);
        this.vector = vector;
    }
}
