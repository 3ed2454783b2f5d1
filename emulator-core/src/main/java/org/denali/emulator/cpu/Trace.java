package org.denali.emulator.cpu;

/**
 * A straight-line run of lowered instructions on one page, executed by the run loop without re-fetching each
 * one: a superblock, entered only at its start and left at its end or at any taken jcc inside it. Immutable
 * (final arrays, filled before construction ends), so a trace attached to an instruction in a
 * shared page's decode cache is safely visible to every VM thread that finds it.
 *
 * <p>The elements are linked per-trace copies of the decoded instructions, with each flag-setting instruction
 * followed by a jcc fused into one super-instruction. When the run must stop at an exact instruction (budget
 * end, breakpoints, watchpoints) it executes the decode cache's own instructions one at a time instead.
 */
final class Trace {
    static final int MAX_LENGTH = 32;

    /** The first element; the others follow through {@link Insn#link}. */
    final Insn first;
    /** Guest instructions in the trace (when it runs to its end). */
    final int count;
    /** Address of the first instruction. */
    final int start;
    /** Executions counted towards the compiler's threshold (a racy count between VMs: only a heuristic). */
    int heat;
    /** Its compiled code once a {@link TraceCompiler} made it; shared like the trace. */
    CompiledTrace compiled;
    /** The compiler declined it: never asked again. */
    boolean uncompilable;

    private Trace(Insn first, int count) {
        this.first = first;
        this.count = count;
        this.start = first.addr;
    }

    /** The trace of {@code insns} (consecutive decoded instructions), each flag setter + jcc pair fused. */
    static Trace of(Insn[] insns) {
        int n = insns.length;
        java.util.ArrayList<Insn> elements = new java.util.ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Insn pair = k + 1 < n ? Insn.fuse(insns[k], insns[k + 1]) : null;
            if (pair != null) {
                elements.add(pair);
                k++;
            } else {
                elements.add(insns[k]);
            }
        }
        // Link per-trace copies back to front; before = guest instructions ahead of each element.
        Insn link = null;
        int after = n;
        for (int k = elements.size() - 1; k >= 0; k--) {
            Insn e = elements.get(k);
            after -= e.count;
            link = new Insn(e, link, after, n);
        }
        return new Trace(link, n);
    }
}
