package org.denali.emulator.debug.rsp;

import org.denali.emulator.debug.Signals;
import org.denali.emulator.debug.StopCause;
import org.denali.emulator.kernel.VmExit;

/**
 * Debugger stops as gdb stop replies: the signal table (breakpoints, watchpoints and steps are SIGTRAP, never
 * "terminated"; a client's suspend is SIGINT; faults map to the signal a Unix process would get) and the
 * {@code T} packet with the thread and, for breakpoints and watchpoints, the reason gdb needs.
 */
final class StopReplies {
    static final int SIGINT = Signals.SIGINT;
    static final int SIGILL = Signals.SIGILL;
    static final int SIGTRAP = Signals.SIGTRAP;
    static final int SIGFPE = Signals.SIGFPE;
    static final int SIGSEGV = Signals.SIGSEGV;

    private StopReplies() {
    }

    static int signal(StopCause cause) {
        return Signals.of(cause);
    }

    static int signal(int faultVector) {
        return Signals.ofFault(faultVector);
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
