package org.denali.emulator.debug;

import org.denali.emulator.kernel.FaultReport;
import org.denali.emulator.kernel.VmExit;

/**
 * Why a VM stopped under the debugger. Built only by {@link StopCauses}, the one place that maps CPU and kernel
 * stop reasons to debugger stops.
 *
 * @param address the breakpoint address, the run-to target, or the watched data address; 0 otherwise
 * @param watch the watchpoint kind for {@link Kind#WATCHPOINT}, else null
 * @param fault the fault for {@link Kind#FAULTED}, else null
 * @param exit how the VM ended for {@link Kind#ENDED} and an ended {@link Kind#FAULTED}, else null (a held fault)
 */
public record StopCause(Kind kind, int address, WatchKind watch, FaultReport fault, VmExit exit) {
    public enum Kind {
        /** Reached a software breakpoint (before executing the instruction there). */
        BREAKPOINT,
        /** A data watchpoint triggered; the accessing instruction has completed. */
        WATCHPOINT,
        /** A single step, step over or run-to-address finished. */
        STEP,
        /** A client asked it to stop (suspend, Ctrl-C), or all-stop mode stopped it because another VM stopped. */
        SUSPENDED,
        /**
         * The guest faulted. With a client attached the VM is held alive at the faulting instruction (exit null;
         * registers and memory readable) until resumed; otherwise it has ended and its last registers remain
         * readable.
         */
        FAULTED,
        /** The VM ended (terminate, instruction limit, kernel shutdown). */
        ENDED
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BREAKPOINT -> String.format("breakpoint at %08x", address);
            case WATCHPOINT -> String.format("%s watchpoint at %08x", watch.name().toLowerCase(), address);
            case STEP -> "step";
            case SUSPENDED -> "suspended";
            case FAULTED -> fault.summary();
            case ENDED -> exit.toString();
        };
    }
}
