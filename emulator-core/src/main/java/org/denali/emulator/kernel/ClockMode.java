package org.denali.emulator.kernel;

/** Where the kernel's notion of time comes from. */
public enum ClockMode {
    /** Physical time (System.nanoTime); VMs run on several worker threads; runs are not reproducible. */
    REAL_TIME,
    /**
     * Virtual time derived from retired instructions (one instruction = one nanosecond at the nominal 1 GHz), one
     * worker thread, time jumping forward when every VM idles: the same inputs give the same execution.
     */
    DETERMINISTIC
}
