package org.denali.emulator.kernel;

import static org.denali.emulator.cpu.decode.Registers.ESP;

import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.Fault;
import org.denali.emulator.arch.FaultVector;
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
    /**
     * Preemption and time checks happen between slices of this many instructions. In real-time mode a slice may
     * run on to the end of the compiled region or trace it is in (at most one region's span, 48 instructions, or
     * one trace more), so it does not end in the interpreter one instruction at a time; the quantum's budget stays
     * exact either way.
     */
    static final long SLICE = 1_000;
    /**
     * The CPU counts a chunk of up to 65,536 rep string iterations as one instruction, so a slice can take far
     * longer than its count says. In real-time mode a slice slower than this shrinks the VM's next slices (down to
     * {@link #MIN_SLICE}) and fast ones grow them back, so even a guest looping on rep string instructions gives
     * up its worker within milliseconds. Deterministic mode keeps fixed slices: slice boundaries decide where a
     * synchronous-interrupt preemption lands, so they must not depend on the host's speed.
     */
    static final long SLOW_SLICE_NANOS = 200_000;
    static final long MIN_SLICE = 4;

    /** What happened in the quantum; {@code fault} is set for any stop that ends the VM with a fault. */
    record Outcome(StopReason reason, int value, long instructions, FaultReport fault, int deliveredLines) {
    }

    private final KernelClock clock;
    /**
     * The clock the time limits are checked against: the kernel's base clock, never a journal's, so a recording
     * does not log a clock read per slice (the quantum's length in instructions is logged instead).
     */
    private final KernelClock limitClock;
    private final Quantum quantum;
    private final long budget;
    /**
     * Every quantum also ends after this much kernel-clock time: twenty times what its budget takes at the nominal
     * speed, at least 1 ms. Ordinary code never reaches it; a guest looping on rep string instructions (which the
     * CPU counts as one instruction per 65,536 iterations) does, so in real-time mode it cannot hold a worker for
     * seconds. In deterministic mode the clock is the instruction count, so the cap never fires before the budget.
     */
    private final long wallCapNanos;
    private final boolean adaptiveSlices;

    QuantumRunner(KernelClock clock, KernelClock limitClock, Quantum quantum, int cpuSpeedKhz,
            boolean adaptiveSlices) {
        this.adaptiveSlices = adaptiveSlices;
        this.clock = clock;
        this.limitClock = limitClock;
        this.quantum = quantum;
        this.budget = quantum.instructionBudget(cpuSpeedKhz);
        this.wallCapNanos = Math.max(1_000_000, budget * 1_000_000 / cpuSpeedKhz * 20);
    }

    /**
     * @param limit instructions the VM may still retire before its overall limit (Long.MAX_VALUE if none)
     * @param deliver false to leave pending interrupts pending this quantum (a debugger's single step)
     */
    Outcome run(VirtualMachine vm, long limit, boolean deliver) {
        return run(vm, limit, deliver, false, false);
    }

    /**
     * A quantum of exactly {@code instructions} unless the guest stops earlier (a replayed quantum): no budget,
     * time limit or preemption ends it sooner.
     */
    Outcome runExactly(VirtualMachine vm, long instructions, boolean deliver) {
        return run(vm, instructions, deliver, true, false);
    }

    /**
     * Goes on with a quantum that was cut short ({@link #runExactly}) by a replay stopping mid-quantum: exactly
     * {@code instructions} more, with no quantum start of its own (no device hooks, no time refresh, no interrupt
     * delivery), so the two pieces leave the VM as the one recorded quantum did.
     */
    Outcome continueExactly(VirtualMachine vm, long instructions) {
        return run(vm, instructions, false, true, true);
    }

    private Outcome run(VirtualMachine vm, long limit, boolean deliver, boolean exact, boolean continuing) {
        VmBacking backing = vm.backing();
        backing.quantumStarting();
        try {
            return runAdmitted(vm, limit, deliver, exact, continuing);
        } finally {
            backing.quantumEnded(clock.nanos());
        }
    }

    private Outcome runAdmitted(VirtualMachine vm, long limit, boolean deliver, boolean exact, boolean continuing) {
        Cpu cpu = vm.cpu();
        try {
            if (!continuing) {
                for (VmDeviceHooks hook : vm.deviceHooks()) {
                    hook.quantumStarting(vm.memory());
                }
                refreshTime(vm);
            }
            int delivered;
            try {
                delivered = deliver ? deliverInterrupts(vm) : 0;
            } catch (PageFault f) {
                return pushFault(vm, f.address());
            }
            long start = limitClock.nanos();
            long timeLimit = exact ? Long.MAX_VALUE : Math.min(quantum.timeLimitNanos(), wallCapNanos);
            long remaining = exact ? limit : Math.min(budget, limit);
            long executed = 0;
            RunResult result;
            do {
                long sliceStart = adaptiveSlices ? System.nanoTime() : 0;
                long slice = Math.min(vm.run().slice(), remaining);
                // Real-time mode: the slice is only where preemption and the time limits are checked, so the last
                // compiled region or trace may finish past it (never past the budget, which stays exact).
                // Deterministic mode: slice ends move its virtual clock, so they stay at exact counts.
                result = adaptiveSlices ? cpu.run(slice, remaining) : cpu.run(slice);
                executed += result.instructions();
                remaining -= result.instructions();
                clock.retired(result.instructions());
                if (adaptiveSlices) {
                    adapt(vm, System.nanoTime() - sliceStart);
                }
            } while (result.reason() == StopReason.BUDGET_EXHAUSTED && remaining > 0
                && (exact || !vm.run().preemptRequested() && limitClock.nanos() - start < timeLimit));
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

    private static void adapt(VirtualMachine vm, long sliceNanos) {
        long slice = vm.run().slice();
        if (sliceNanos > SLOW_SLICE_NANOS) {
            vm.run().adaptSlice(Math.max(MIN_SLICE, slice / 16));
        } else if (slice < SLICE && sliceNanos < SLOW_SLICE_NANOS / 16) {
            vm.run().adaptSlice(Math.min(SLICE, slice * 2));
        }
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
