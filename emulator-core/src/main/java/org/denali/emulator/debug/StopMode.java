package org.denali.emulator.debug;

/**
 * Policy: when one VM stops (breakpoint, watchpoint, step, fault), whether the others stop too. gdb's default
 * all-stop mode expects every thread (VM) to be stopped whenever it is in control; non-stop lets the others run.
 */
public enum StopMode {
    ALL_STOP, NON_STOP
}
