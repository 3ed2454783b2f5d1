package org.denali.emulator.arch;

/** Virtual interrupt lines: bit numbers in the pending and delivered bitmasks. */
public final class InterruptLines {
    public static final int TIMER = 0;
    public static final int NIC_RECEIVE = 1;
    public static final int DISK = 2;
    public static final int KEYBOARD = 3;
    public static final int COUNT = 4;

    private InterruptLines() {
    }

    public static String name(int line) {
        return switch (line) {
            case TIMER -> "timer";
            case NIC_RECEIVE -> "nic-receive";
            case DISK -> "disk";
            case KEYBOARD -> "keyboard";
            default -> "line" + line;
        };
    }
}
