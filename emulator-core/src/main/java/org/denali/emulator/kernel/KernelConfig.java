package org.denali.emulator.kernel;

/**
 * Kernel-wide settings.
 *
 * @param workers host threads running VMs in real-time mode (deterministic mode always uses one)
 * @param synchronousInterrupts the paper's baseline for Figure 4: a line raised for a VM that is not running
 *        ends the current quantum and schedules that VM next (default: batched, delivered at its next quantum)
 * @param minFreeBackingPages the gatekeeper admits VMs only while at least this many backing pages stay free
 * @param cpuSpeedKhz the nominal virtual CPU speed, shown in CPU_SPEED_KHZ and used to convert µs to instructions
 * @param interruptHistory how many raise/deliver events each VM remembers for the debugger
 * @param maxInstructionsPerVm a VM that retires this many instructions is stopped (0 = unlimited)
 * @param jitThreshold interpreted executions of a trace before it is compiled to JVM bytecode, shared by all VMs
 *        ({@link #JIT_OFF}: interpret only)
 */
public record KernelConfig(ClockMode clockMode, Quantum quantum, int workers, boolean synchronousInterrupts,
        long minFreeBackingPages, int cpuSpeedKhz, int interruptHistory, long maxInstructionsPerVm,
        int jitThreshold) {

    /** 1 GHz: one instruction per nanosecond, which is what the deterministic clock assumes. */
    public static final int NOMINAL_CPU_SPEED_KHZ = 1_000_000;
    /** {@link #jitThreshold} value that turns the compiler off. */
    public static final int JIT_OFF = -1;
    /**
     * System property overriding the default threshold (e.g. 0 to run a test suite with every trace compiled,
     * -1 to run it interpreted).
     */
    public static final String JIT_THRESHOLD_PROPERTY = "denali.jit.threshold";

    public KernelConfig {
        if (workers < 1 || cpuSpeedKhz < 1 || interruptHistory < 0 || minFreeBackingPages < 0
                || maxInstructionsPerVm < 0 || jitThreshold < JIT_OFF) {
            throw new IllegalArgumentException("invalid kernel configuration");
        }
    }

    /**
     * Real time, one worker per host core, 100,000-instruction quanta, batched interrupts, the compiler on at its
     * default threshold ({@link #JIT_THRESHOLD_PROPERTY} overrides it).
     */
    public static KernelConfig defaults() {
        return new KernelConfig(ClockMode.REAL_TIME, Quantum.ofInstructions(100_000),
            Runtime.getRuntime().availableProcessors(), false, 64, NOMINAL_CPU_SPEED_KHZ, 64, 0,
            Integer.getInteger(JIT_THRESHOLD_PROPERTY, org.denali.emulator.cpu.jit.TraceJit.DEFAULT_THRESHOLD));
    }

    public KernelConfig deterministic() {
        return new KernelConfig(ClockMode.DETERMINISTIC, quantum, 1, synchronousInterrupts, minFreeBackingPages,
            cpuSpeedKhz, interruptHistory, maxInstructionsPerVm, jitThreshold);
    }

    public KernelConfig withQuantum(Quantum q) {
        return new KernelConfig(clockMode, q, workers, synchronousInterrupts, minFreeBackingPages, cpuSpeedKhz,
            interruptHistory, maxInstructionsPerVm, jitThreshold);
    }

    public KernelConfig withWorkers(int count) {
        return new KernelConfig(clockMode, quantum, count, synchronousInterrupts, minFreeBackingPages, cpuSpeedKhz,
            interruptHistory, maxInstructionsPerVm, jitThreshold);
    }

    public KernelConfig withSynchronousInterrupts(boolean on) {
        return new KernelConfig(clockMode, quantum, workers, on, minFreeBackingPages, cpuSpeedKhz, interruptHistory,
            maxInstructionsPerVm, jitThreshold);
    }

    public KernelConfig withMinFreeBackingPages(long pages) {
        return new KernelConfig(clockMode, quantum, workers, synchronousInterrupts, pages, cpuSpeedKhz,
            interruptHistory, maxInstructionsPerVm, jitThreshold);
    }

    public KernelConfig withInterruptHistory(int events) {
        return new KernelConfig(clockMode, quantum, workers, synchronousInterrupts, minFreeBackingPages, cpuSpeedKhz,
            events, maxInstructionsPerVm, jitThreshold);
    }

    public KernelConfig withMaxInstructionsPerVm(long count) {
        return new KernelConfig(clockMode, quantum, workers, synchronousInterrupts, minFreeBackingPages, cpuSpeedKhz,
            interruptHistory, count, jitThreshold);
    }

    /** Compiles hot guest code after {@code threshold} interpreted executions ({@link #JIT_OFF}: never). */
    public KernelConfig withJitThreshold(int threshold) {
        return new KernelConfig(clockMode, quantum, workers, synchronousInterrupts, minFreeBackingPages, cpuSpeedKhz,
            interruptHistory, maxInstructionsPerVm, threshold);
    }

    /** Worker threads actually used: one in deterministic mode. */
    public int effectiveWorkers() {
        return clockMode == ClockMode.DETERMINISTIC ? 1 : workers;
    }
}
