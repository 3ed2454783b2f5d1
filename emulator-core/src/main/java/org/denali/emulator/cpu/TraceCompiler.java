package org.denali.emulator.cpu;

import java.util.List;
import org.denali.emulator.cpu.decode.DecodedInstruction;

/**
 * What the run loop needs from a compiler of hot traces (the policy and the translator live in
 * {@code org.denali.emulator.cpu.jit}; the CPU only counts executions and asks).
 */
public interface TraceCompiler {
    /** How many times a trace runs in the interpreter before it is compiled (0: on its first execution). */
    int threshold();

    /**
     * Compiled code for the trace {@code instructions} (consecutive, on one page, as the interpreter built it), or
     * null if it is not worth compiling (its first instruction cannot be translated); called on the VM's thread.
     */
    CompiledTrace compile(List<DecodedInstruction> instructions);
}
