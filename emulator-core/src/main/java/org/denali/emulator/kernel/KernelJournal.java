package org.denali.emulator.kernel;

import org.denali.emulator.cpu.StopReason;

/**
 * What the kernel tells a record/replay journal, and what a replaying journal decides instead of the host
 * (docs/debugging.md, "Record and replay"). The kernel calls every method on its one worker thread, under its lock
 * except {@link #clock}. The default, {@link #NONE}, changes nothing: inputs act at once, quanta run as long as the
 * scheduler and the clock say.
 */
public interface KernelJournal {
    KernelJournal NONE = new KernelJournal() {
    };

    /** The clock the kernel uses instead of {@code base} (recording logs real-time reads; replay answers them). */
    default KernelClock clock(KernelClock base) {
        return base;
    }

    /**
     * At every scheduling point, before the kernel decides anything: host inputs waiting for this point take effect
     * now. True asks the kernel to stop here (replay reached the point where the recorded kernel stopped).
     */
    default boolean schedulingPoint() {
        return false;
    }

    /**
     * The kernel waits for time to pass or for something to happen (real-time mode): how often it does, and so how
     * often it reads the clock, is part of the run. A replay does not wait.
     */
    default void waiting() {
    }

    /** The kernel stops at this scheduling point (shut down, or its workload ended). */
    default void stopped() {
    }

    /** A source kept open with {@link Kernel#holdOpen} closed: {@code release} runs now or at a scheduling point. */
    default void sourceClosed(Runnable release) {
        release.run();
    }

    /**
     * {@code vm}, at {@code retired} instructions, is about to run a quantum of at most {@code limit} instructions:
     * the instructions it must run instead (replay: exactly what the recorded quantum ran), or -1 for "as the
     * scheduler and the clock decide".
     */
    default long quantumStarting(VirtualMachine vm, long retired, long limit) {
        return -1;
    }

    /** The quantum {@link #quantumStarting} announced ended after {@code executed} instructions, for {@code reason}. */
    default void quantumEnded(VirtualMachine vm, long retired, long executed, StopReason reason) {
    }

    /**
     * Whether the quantum {@link #quantumStarting} just fixed delivers pending interrupts at its start; {@code asked}
     * is what the debugger's quantum limit says (a replay gives what the recorded quantum did).
     */
    default boolean deliverInterrupts(VirtualMachine vm, boolean asked) {
        return asked;
    }

    /**
     * True if the quantum {@link #quantumStarting} just fixed goes on with one a replay cut short (no quantum start
     * of its own: no device hooks, no time refresh, no delivery). Only asked when quantumStarting returned a count.
     */
    default boolean continuesQuantum(VirtualMachine vm) {
        return false;
    }

    /**
     * True to keep the kernel where it is: no deadline fires, no quantum starts, the clock stands (a replay stopped
     * at a point of its history). Asked at every scheduling point.
     */
    default boolean paused() {
        return false;
    }

    /** True while replaying: the kernel never waits for real time. */
    default boolean replaying() {
        return false;
    }
}
