package org.denali.emulator.debug;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.denali.emulator.kernel.VirtualMachine;

/** What the debugger knows and wants about one VM. Guarded by the kernel's lock. */
final class VmDebugState {
    static final int NONE = -1;

    final VirtualMachine vm;
    String name;
    /** The debugger wants this VM stopped. */
    boolean haltRequested;
    /** Run exactly one instruction, then stop. */
    boolean stepping;
    /** Run until EIP reaches this address (a temporary breakpoint), then stop with STEP; {@link #NONE} if none. */
    int runToAddress = NONE;
    /** Whether the run-to breakpoint was added by us (and must be removed), not a user breakpoint. */
    boolean runToOwnsBreakpoint;
    /** This VM's own breakpoints (not the process-wide ones every VM shares). */
    final Set<Integer> breakpoints = new LinkedHashSet<>();
    final VmWatchpoints watchpoints = new VmWatchpoints();
    /** Edits of CPU breakpoints / watched pages made while the VM was running, applied before its next quantum. */
    final List<Consumer<VirtualMachine>> pendingEdits = new ArrayList<>();
    StopCause lastStop;
    /** Registers at the end, kept after the kernel dropped the CPU (a faulted VM stays inspectable). */
    CpuRegisters finalRegisters;
    long idleTimeoutMicros = NONE;
    long idleWakeAtNanos = NONE;
    boolean endReported;
    /** Held at a fault (the kernel keeps it alive until released); its fault stop has been reported. */
    boolean faultHeld;

    VmDebugState(VirtualMachine vm, String name) {
        this.vm = vm;
        this.name = name;
    }

    boolean mayRun() {
        return !haltRequested || stepping;
    }
}
