package org.denali.emulator.debug;

import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.kernel.FaultReport;
import org.denali.emulator.kernel.VmExit;

/**
 * The one place that turns what the CPU and kernel report at the end of a quantum into a debugger stop (or into
 * "keep running"). Everything else — the debug API's events, gdb's stop replies — starts from a {@link StopCause}.
 */
final class StopCauses {
    private StopCauses() {
    }

    /**
     * @param reason why the quantum ended
     * @param eip the VM's EIP after the quantum (the breakpoint address for BREAKPOINT)
     * @param vm the debugger's state of the VM: stepping, run-to target, halt request, watchpoint hit
     * @return the stop, or null if the VM keeps running; null too for FAULT and TERMINATED, which
     *         {@link #ended} reports once the kernel has recorded the exit
     */
    static StopCause afterQuantum(StopReason reason, int eip, VmDebugState vm) {
        return switch (reason) {
            case BREAKPOINT -> eip == vm.runToAddress
                ? stop(StopCause.Kind.STEP, eip)
                : stop(StopCause.Kind.BREAKPOINT, eip);
            case WATCHPOINT -> {
                Watchpoint hit = vm.watchpoints.takeHit();
                yield hit == null ? stop(StopCause.Kind.SUSPENDED, 0)
                    : new StopCause(StopCause.Kind.WATCHPOINT, hit.address(), hit.kind(), null, null);
            }
            case FAULT, TERMINATED -> null;
            case BUDGET_EXHAUSTED, STEPPED, IDLE, HALTED, SOFTWARE_INTERRUPT -> {
                if (vm.stepping) {
                    yield stop(StopCause.Kind.STEP, 0);
                }
                yield vm.haltRequested ? stop(StopCause.Kind.SUSPENDED, 0) : null;
            }
        };
    }

    /** The stop reported when the kernel ended a VM. */
    static StopCause ended(VmExit exit) {
        return exit.kind() == VmExit.Kind.FAULTED
            ? new StopCause(StopCause.Kind.FAULTED, exit.fault().eip(), null, exit.fault(), exit)
            : new StopCause(StopCause.Kind.ENDED, 0, null, null, exit);
    }

    /** A VM held at a fault: alive and stopped at the faulting instruction, not yet ended (no exit). */
    static StopCause faulted(FaultReport fault) {
        return new StopCause(StopCause.Kind.FAULTED, fault.eip(), null, fault, null);
    }

    static StopCause suspended() {
        return stop(StopCause.Kind.SUSPENDED, 0);
    }

    private static StopCause stop(StopCause.Kind kind, int address) {
        return new StopCause(kind, address, null, null, null);
    }
}
