package org.denali.emulator.cpu;

/**
 * The outcome of one {@link Cpu#run(long)}: why it stopped, how many instructions retired, and the detail that
 * goes with the reason.
 */
public record RunResult(StopReason reason, long instructions, int value, Fault fault) {
    /** Exit code for TERMINATED, timeout (µs) for IDLE, vector for SOFTWARE_INTERRUPT, address for BREAKPOINT. */
    public int value() {
        return value;
    }

    public int exitCode() {
        return value;
    }

    public int idleTimeoutMicros() {
        return value;
    }

    public int interruptNumber() {
        return value;
    }

    public int breakpointAddress() {
        return value;
    }

    @Override
    public String toString() {
        return reason + (fault != null ? " " + fault : " value=" + Integer.toHexString(value)) + " after "
            + instructions + " instructions";
    }
}
