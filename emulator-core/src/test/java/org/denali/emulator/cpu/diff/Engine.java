package org.denali.emulator.cpu.diff;

import org.denali.emulator.cpu.Cpu;
import org.denali.emulator.cpu.jit.TraceJit;

/**
 * How a CPU under test executes: the interpreter alone, or the compiler with a threshold of 0 (every trace
 * compiled before its first execution), so each CPU suite checks both engines.
 */
public enum Engine {
    INTERPRETER,
    COMPILER;

    /** Sets {@code cpu} up for this engine; returns it. */
    public Cpu apply(Cpu cpu) {
        cpu.setCompiler(this == COMPILER ? new TraceJit(0) : null);
        return cpu;
    }
}
