package org.denali.emulator.debug.rsp;

import org.denali.emulator.cpu.FaultVector;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.kernel.VmExit;

/**
 * Debugger stops as gdb stop replies: the signal table (breakpoints, watchpoints and steps are SIGTRAP, never
 * "terminated"; a client's suspend is SIGINT; faults map to the signal a Unix process would get) and the
 * {@code T} packet with the thread and, for breakpoints and watchpoints, the reason gdb needs.
 */
final class StopReplies {
    static final int SIGINT = 2;
    static final int SIGILL = 4;
    static final int SIGTRAP = 5;
    static final int SIGFPE = 8;
    static final int SIGSEGV = 11;

    private StopReplies() {
    }

    static int signal(StopCause cause) {
        return switch (cause.kind()) {
            case BREAKPOINT, WATCHPOINT, STEP -> SIGTRAP;
            case SUSPENDED -> SIGINT;
            case FAULTED -> signal(cause.fault().vector());
            case ENDED -> SIGTRAP;
        };
    }

    /** The signal a Unix process would get for a fault vector: #DE SIGFPE, #UD SIGILL, #BP SIGTRAP, else SIGSEGV. */
    static int signal(int faultVector) {
        return switch (faultVector) {
            case FaultVector.DE -> SIGFPE;
            case FaultVector.UD -> SIGILL;
            case FaultVector.BP -> SIGTRAP;
            default -> SIGSEGV;
        };
    }

    /** {@code T<sig>thread:<tid>;[swbreak:;|watch:<addr>;...]}. */
    static String stopped(int threadId, StopCause cause) {
        StringBuilder sb = new StringBuilder(String.format("T%02xthread:%x;", signal(cause), threadId));
        switch (cause.kind()) {
            case BREAKPOINT -> sb.append("swbreak:;");
            case WATCHPOINT -> sb.append(switch (cause.watch()) {
                case WRITE -> "watch";
                case READ -> "rwatch";
                case ACCESS -> "awatch";
            }).append(':').append(Integer.toHexString(cause.address())).append(';');
            default -> { }
        }
        return sb.toString();
    }

    /**
     * How the whole inferior (every VM) ended, after the last VM's exit: {@code X<sig>} if it ended in a fault
     * (gdb: "Program terminated with signal SIGSEGV"), else {@code W<code>}.
     */
    static String exited(VmExit last) {
        if (last != null && last.kind() == VmExit.Kind.FAULTED) {
            return String.format("X%02x", signal(last.fault().vector()));
        }
        return exited(last == null ? 0 : last.code());
    }

    /** {@code W<code>}: the whole inferior (every VM) has exited. */
    static String exited(int code) {
        return String.format("W%02x", code & 0xFF);
    }
}
