package org.denali.emulator.kernel;

/**
 * Lets a debugger shorten a VM's next quantum, e.g. to one instruction for a single step, so the step still goes
 * through the kernel (interrupt delivery, idle, terminate and faults keep their normal meaning). Asked under the
 * kernel's lock as each quantum starts; keep it short.
 */
@FunctionalInterface
public interface QuantumLimit {
    /** The most instructions VM {@code vmId} may retire in the quantum about to start; Long.MAX_VALUE = no limit. */
    long maxInstructions(int vmId);

    /**
     * False to hold pending interrupts back for the quantum about to start (they stay pending and are delivered
     * at the next quantum that allows it), e.g. so that a single step does not land in the interrupt handler, as
     * QEMU's gdb stub masks IRQs and timers while stepping by default.
     */
    default boolean deliverInterrupts(int vmId) {
        return true;
    }

    QuantumLimit NONE = vmId -> Long.MAX_VALUE;
}
