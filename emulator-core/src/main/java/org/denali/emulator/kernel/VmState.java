package org.denali.emulator.kernel;

/** Where a VM is in the kernel's life cycle. */
public enum VmState {
    /** Wants to run; waiting for the gatekeeper (swapped out, or never admitted yet). */
    WAITING,
    /** Admitted and in the run queue. */
    READY,
    /** On a worker thread now. */
    RUNNING,
    /** Executed idle (or hlt): out of scheduler consideration until its timeout or an interrupt. */
    IDLE,
    /** Terminated, faulted or stopped; its resources are released. See {@link VirtualMachine#exit()}. */
    ENDED
}
