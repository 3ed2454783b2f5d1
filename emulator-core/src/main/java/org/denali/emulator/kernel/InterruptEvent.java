package org.denali.emulator.kernel;

import org.denali.emulator.arch.InterruptLines;

/**
 * One entry in a VM's interrupt history, for the debugger's interrupt-queue view.
 *
 * @param kind whether lines were raised or a batch was delivered
 * @param lines bitmask of {@link InterruptLines} bits
 * @param timeNanos kernel clock when it happened
 */
public record InterruptEvent(Kind kind, int lines, long timeNanos) {
    public enum Kind { RAISED, DELIVERED }

    @Override
    public String toString() {
        StringBuilder names = new StringBuilder();
        for (int line = 0; line < 32; line++) {
            if ((lines & 1 << line) != 0) {
                names.append(names.isEmpty() ? "" : ",").append(InterruptLines.name(line));
            }
        }
        return String.format("%d.%06d ms %s %s", timeNanos / 1_000_000, timeNanos % 1_000_000,
            kind.name().toLowerCase(), names);
    }
}
