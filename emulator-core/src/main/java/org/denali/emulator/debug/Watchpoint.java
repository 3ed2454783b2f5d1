package org.denali.emulator.debug;

/** A data watchpoint on [address, address + length). */
public record Watchpoint(int address, int length, WatchKind kind) {
    public Watchpoint {
        if (length < 1 || length > 4096) {
            throw new IllegalArgumentException("watchpoint length must be 1..4096 bytes: " + length);
        }
    }

    boolean overlaps(int accessAddress, int accessSize) {
        long start = Integer.toUnsignedLong(address);
        long at = Integer.toUnsignedLong(accessAddress);
        return at < start + length && start < at + accessSize;
    }
}
