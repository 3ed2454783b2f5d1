package org.denali.ide.core.debug;

/**
 * The instruction stepping mode (the Debug view's toggle): while it is on, Step Into executes one instruction,
 * Step Over one instruction or a whole call, Step Return runs to the caller. One switch for the workbench, like
 * the toggle button that sets it; every Denali target reads it when a step starts.
 */
public final class InstructionStepping {
    private static volatile boolean enabled;

    private InstructionStepping() {
    }

    public static boolean isEnabled() {
        return enabled;
    }

    public static void setEnabled(boolean on) {
        enabled = on;
    }
}
