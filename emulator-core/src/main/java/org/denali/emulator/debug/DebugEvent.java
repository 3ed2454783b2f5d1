package org.denali.emulator.debug;

import org.denali.emulator.kernel.VmExit;

/**
 * What the debugger reports asynchronously (the "events" half of the commands-vs-events split): listeners get
 * them in order on one dispatcher thread, never under the kernel's lock.
 */
public sealed interface DebugEvent {
    /** The VM this event is about, or 0 for kernel-wide events. */
    int vmId();

    /** The debugger first saw this VM (it was instantiated or existed at attach). */
    record VmStarted(int vmId, String name) implements DebugEvent {
    }

    /** The VM stopped under the debugger; its registers and memory may now be read. */
    record VmStopped(int vmId, StopCause cause) implements DebugEvent {
    }

    /** The VM resumed (after a resume, step or run-to command). */
    record VmResumed(int vmId) implements DebugEvent {
    }

    /** Bytes the VM wrote to its console. */
    record ConsoleOutput(int vmId, String text) implements DebugEvent {
    }

    /** The VM terminated, faulted or was stopped by the kernel; {@code exit} says how. */
    record VmEnded(int vmId, VmExit exit) implements DebugEvent {
    }

    /** Every VM has ended. */
    record KernelEnded() implements DebugEvent {
        @Override
        public int vmId() {
            return 0;
        }
    }
}
