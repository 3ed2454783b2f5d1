package org.denali.emulator.cpu;

/** Why {@link Cpu#run(long)} returned. */
public enum StopReason {
    /** The instruction budget was used up; EIP is the next instruction. */
    BUDGET_EXHAUSTED,
    /** The guest executed {@code idle}; EAX holds the timeout in microseconds; EIP is after the instruction. */
    IDLE,
    /** The guest executed {@code terminate}; EAX holds the exit code. */
    TERMINATED,
    /** The guest executed {@code hlt}; EIP is after it. The kernel treats it as idle with IDLE_FOREVER. */
    HALTED,
    /** An exception; see {@link RunResult#fault()}. State is as before the faulting instruction (except #BP). */
    FAULT,
    /** EIP reached a debugger breakpoint; the instruction there has not executed. */
    BREAKPOINT,
    /**
     * The last instruction accessed a page the debugger watches and its watcher asked to stop (a data watchpoint);
     * that instruction has completed and EIP is the next one, as with an x86 data breakpoint.
     */
    WATCHPOINT,
    /** {@link Cpu#step()} executed one instruction. */
    STEPPED,
    /**
     * The guest executed {@code int n}; EIP is after it; {@link RunResult#interruptNumber()} is n. Denali has no
     * software-interrupt path, so the kernel turns this into #GP; a test shim may implement a system call instead.
     */
    SOFTWARE_INTERRUPT
}
