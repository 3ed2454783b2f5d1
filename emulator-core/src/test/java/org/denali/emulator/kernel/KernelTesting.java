package org.denali.emulator.kernel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.cpu.StopReason;

/** Shared set-up for kernel tests: deterministic kernels and a quantum trace. */
final class KernelTesting {
    record QuantumRecord(int vmId, StopReason reason, long instructions, int deliveredLines, long clockNanos) {
    }

    /** Records every quantum the kernel runs. */
    static final class Trace implements QuantumObserver {
        final List<QuantumRecord> quanta = new ArrayList<>();

        @Override
        public void quantumEnded(int vmId, StopReason reason, long instructions, int deliveredLines, long clock) {
            quanta.add(new QuantumRecord(vmId, reason, instructions, deliveredLines, clock));
        }

        List<Integer> order() {
            return quanta.stream().map(QuantumRecord::vmId).toList();
        }
    }

    private KernelTesting() {
    }

    static KernelConfig deterministic(long quantumInstructions) {
        return KernelConfig.defaults().deterministic().withQuantum(Quantum.ofInstructions(quantumInstructions));
    }

    static Kernel kernel(KernelConfig config) {
        return new Kernel(config, InHeapMemoryManager.unlimited());
    }

    static VirtualMachine vm(Kernel kernel, GuestImage image) throws Exception {
        return kernel.instantiate(image, VmConfig.defaults(), new ByteArrayOutputStream());
    }
}
