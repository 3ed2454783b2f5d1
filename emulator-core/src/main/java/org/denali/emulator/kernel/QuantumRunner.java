package org.denali.emulator.kernel;

import static org.denali.emulator.cpu.decode.Registers.ESP;

import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.Fault;
import org.denali.emulator.cpu.FaultVector;
import org.denali.emulator.cpu.RunResult;
import org.denali.emulator.cpu.StopReason;
import org.denali.emulator.memory.PageFault;
import org.denali.emulator.memory.PagedMemory;

/**
 * The mechanism of one quantum, run on a worker thread without the kernel's lock: refresh the time registers,
 * deliver the pending batch of interrupts (docs/architecture.md §6), then run the CPU in slices until the budget
 * is spent, the guest stops, or someone asks for preemption. Never throws: a failure of a device or of the
 * emulator itself while this VM runs becomes a fault of this VM.
 */
final class QuantumRunner {
    /** Preemption and physical-time checks happen between slices of this many instructions. */
    static final long SLICE = 10_000;

    /** What happened in the quantum; {@code fault} is set for any stop that ends the VM with a fault. */
    record Outcome(StopReason reason, int value, long instructions, FaultReport fault, int deliveredLines) {
    }

    private final KernelClock clock;
    private final Quantum quantum;
    private final long budget;

    QuantumRunner(KernelClock clock, Quantum quantum, int cpuSpeedKhz) {
        this.clock = clock;
        this.quantum = quantum;
        this.budget = quantum.instructionBudget(cpuSpeedKhz);
    }

    /** @param limit instructions the VM may still retire before its overall limit (Long.MAX_VALUE if none) */
    Outcome run(VirtualMachine vm, long limit) {
        VmBacking backing = vm.backing();
        backing.quantumStarting();
        try {
            return runAdmitted(vm, limit);
        } finally {
            backing.quantumEnded(clock.nanos());
        }
    }

    private Outcome runAdmitted(VirtualMachine vm, long limit) {
        Cpu cpu = vm.cpu();
        try {
            for (VmDeviceHooks hook : vm.deviceHooks()) {
                hook.quantumStarting(vm.memory());
            }
            refreshTime(vm);
            int delivered;
            try {
                delivered = deliverInterrupts(vm);
            } catch (PageFault f) {
                return pushFault(vm, f.address());
            }
            long start = clock.nanos();
            long timeLimit = quantum.timeLimitNanos();
            long remaining = Math.min(budget, limit);
            long executed = 0;
            RunResult result;
            do {
                result = cpu.run(Math.min(SLICE, remaining));
                executed += result.instructions();
                remaining -= result.instructions();
                clock.retired(result.instructions());
            } while (result.reason() == StopReason.BUDGET_EXHAUSTED && remaining > 0 && !vm.preempt
                && clock.nanos() - start < timeLimit);
            refreshTime(vm);
            for (VmDeviceHooks hook : vm.deviceHooks()) {
                hook.quantumEnded();
            }
            return outcome(vm, result, executed, delivered);
        } catch (RuntimeException hostFailure) {
            return new Outcome(StopReason.FAULT, FaultVector.GP, 0,
                FaultReport.internalError(vm.id(), cpu, hostFailure), 0);
        }
    }

    private Outcome outcome(VirtualMachine vm, RunResult result, long executed, int delivered) {
        Cpu cpu = vm.cpu();
        return switch (result.reason()) {
            case FAULT -> new Outcome(StopReason.FAULT, result.value(), executed,
                FaultReport.of(vm.id(), result.fault(), cpu), delivered);
            case SOFTWARE_INTERRUPT -> {
                // `int n` has no kernel entry in Denali: it is #GP at the int instruction (docs §1.3).
                int at = cpu.eip() - 2;
                byte[] bytes = {(byte) 0xCD, (byte) result.interruptNumber()};
                Fault gp = new Fault(FaultVector.GP, at, 0, bytes,
                    "int $" + String.format("%#x", result.interruptNumber()) + ": Denali has no software interrupts");
                yield new Outcome(StopReason.FAULT, FaultVector.GP, executed, FaultReport.of(vm.id(), gp, cpu),
                    delivered);
            }
            default -> new Outcome(result.reason(), result.value(), executed, null, delivered);
        };
    }

    /** SYSTEM_TIME_US and INSTRUCTIONS_RETIRED, guaranteed current at quantum start and on wake. */
    void refreshTime(VirtualMachine vm) {
        long micros = (clock.nanos() - vm.createdAtNanos()) / 1000;
        vm.registers().setTime(micros, vm.cpu().instructionsRetired());
    }

    /**
     * Pushes the x86-like frame and enters the handler if interrupts are enabled, a handler is set and lines are
     * pending. Returns the number of lines delivered; throws the PageFault if the frame cannot be pushed, before
     * any register changed.
     */
    private int deliverInterrupts(VirtualMachine vm) {
        RegisterPage regs = vm.registers();
        InterruptState interrupts = vm.interrupts();
        int handler = regs.interruptHandler();
        if (!regs.interruptsEnabled() || handler == 0 || interrupts.pending() == 0) {
            return 0;
        }
        Cpu cpu = vm.cpu();
        PagedMemory memory = vm.memory();
        int esp = cpu.register(ESP) - 12;
        memory.write32(esp + 8, cpu.eflags());
        memory.write32(esp + 4, Cpu.KERNEL_FRAME_CS); // the CPU's iret accepts only this CS
        memory.write32(esp, cpu.eip());
        cpu.setRegister(ESP, esp);
        int batch = interrupts.takeBatch(clock.nanos());
        regs.setDelivered(batch);
        regs.setInterruptsEnabled(false);
        cpu.setEip(handler);
        return Integer.bitCount(batch);
    }

    private Outcome pushFault(VirtualMachine vm, int address) {
        Cpu cpu = vm.cpu();
        Fault fault = new Fault(FaultVector.PF, cpu.eip(), address, new byte[0], String.format(
            "pushing the interrupt frame at ESP=%08x: write at %08x outside accessible memory", cpu.register(ESP),
            address));
        return new Outcome(StopReason.FAULT, FaultVector.PF, 0, FaultReport.of(vm.id(), fault, cpu), 0);
    }
}
