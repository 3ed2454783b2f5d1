package org.denali.emulator.cpu;

import org.denali.emulator.memory.PagedMemory;

/**
 * Compiled code for one trace (made by a {@link TraceCompiler}; shared by every VM whose decode cache holds the
 * trace, so it keeps no per-VM state).
 *
 * <p>The CPU state travels in one array: the eight GPRs at 0..7, a zero at 8, the lazy flags at
 * {@link #FLAG_OP}..{@link #FLAG_RES} (kind | bits &lt;&lt; 8, first operand, second operand, result, as the
 * interpreter's run loop keeps them), the materialised EFLAGS at {@link #EFLAGS}; on return {@link #RETIRED}
 * holds the instructions retired.
 */
public interface CompiledTrace {
    int FLAG_OP = 9;
    int FLAG_A = 10;
    int FLAG_B = 11;
    int FLAG_RES = 12;
    int EFLAGS = 13;
    /** Out: guest instructions the call retired (exact). */
    int RETIRED = 14;
    /** Scratch for the compiled code (1 if it stopped before an instruction it leaves to the interpreter). */
    int SCRATCH = 15;
    /** Length of the state array. */
    int STATE_LENGTH = 16;

    /**
     * Runs guest code from the trace's first instruction, retiring at most {@code budget} instructions
     * ({@code budget} is at least {@link #span()}), and returns the EIP to continue at. An instruction the
     * compiled code cannot complete (a fault, a page it may not touch directly, a store into code, an instruction
     * it does not translate) has not executed when it returns: the returned EIP is that instruction's, and the
     * state is precisely the state before it, so the interpreter restarts it.
     *
     * @param last receives, in element 0, the compiled trace that ran last (for {@link #chain})
     */
    int run(int[] state, PagedMemory memory, int budget, CompiledTrace[] last);

    /** The most instructions one pass through the trace retires; {@link #run} needs at least this budget. */
    int span();

    /** The guest address of the trace's first instruction. */
    int start();

    /**
     * Execution continued at {@code successor} after this trace finished normally; both come from the same page's
     * decode cache (the caller guarantees it), so the compiled code may go on there directly next time.
     */
    void chain(CompiledTrace successor);
}
