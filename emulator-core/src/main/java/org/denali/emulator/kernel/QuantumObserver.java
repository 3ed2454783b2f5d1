package org.denali.emulator.kernel;

import org.denali.emulator.cpu.StopReason;

/** Sees every quantum as it ends: which VM ran, why it stopped, how much it did. Called under the kernel's lock. */
@FunctionalInterface
public interface QuantumObserver {
    void quantumEnded(int vmId, StopReason reason, long instructions, int deliveredLines, long clockNanos);

    QuantumObserver NONE = (vmId, reason, instructions, deliveredLines, clockNanos) -> { };
}
