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
     * Compiled code for a region entered at the first instruction of the first segment, or null if it is not
     * worth compiling (its first instruction cannot be translated); called on the VM's thread. Each segment is a
     * trace as the interpreter built it (consecutive instructions on one page); the first is the hot trace, the
     * others are traces on the same page that execution has reached, so loops and branches that join again can
     * stay inside the compiled code.
     */
    CompiledTrace compile(List<List<DecodedInstruction>> segments);
}
