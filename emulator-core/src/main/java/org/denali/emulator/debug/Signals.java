package org.denali.emulator.debug;

import org.denali.emulator.arch.FaultVector;

/**
 * The Unix signal a debugger stop stands for, the one table shared by gdb's stop replies and core files: breakpoints,
 * watchpoints and steps are SIGTRAP, a client's suspend is SIGINT, a fault is the signal a Unix process would get.
 */
public final class Signals {
    public static final int SIGINT = 2;
    public static final int SIGILL = 4;
    public static final int SIGTRAP = 5;
    public static final int SIGFPE = 8;
    public static final int SIGSEGV = 11;

    private Signals() {
    }

    public static int of(StopCause cause) {
        return switch (cause.kind()) {
            case BREAKPOINT, WATCHPOINT, STEP -> SIGTRAP;
            case SUSPENDED -> SIGINT;
            case FAULTED -> ofFault(cause.fault().vector());
            case ENDED -> SIGTRAP;
        };
    }

    /** #DE SIGFPE, #UD SIGILL, #BP SIGTRAP, everything else (#PF, #GP, ...) SIGSEGV. */
    public static int ofFault(int faultVector) {
        return switch (faultVector) {
            case FaultVector.DE -> SIGFPE;
            case FaultVector.UD -> SIGILL;
            case FaultVector.BP -> SIGTRAP;
            default -> SIGSEGV;
        };
    }
}
