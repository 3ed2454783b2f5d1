package org.denali.emulator.kernel;

/**
 * Lets a debugger keep a faulted VM instead of the kernel ending it at once: a held VM keeps its CPU, memory and
 * devices (so registers, memory and stack stay readable) and is not scheduled until the debugger releases it;
 * the next time the kernel would run it, it ends with the fault instead (the fault is "delivered"). Asked under
 * the kernel's lock when a quantum ends in a fault; keep it short. Without a debugger nothing is held.
 */
@FunctionalInterface
public interface FaultHold {
    /**
     * @return true to hold VM {@code vmId} in the faulted state; the caller must also keep it from being scheduled
     *         (the debugger's scheduler parks it) until it wants the fault delivered
     */
    boolean hold(int vmId, FaultReport fault);

    FaultHold NONE = (vmId, fault) -> false;
}
