package org.denali.emulator.cpu;

/**
 * A straight-line run of lowered instructions on one page, executed by the run loop without re-fetching each
 * one: a superblock, entered only at its start and left at its end or at any taken jcc inside it. Immutable
 * (final arrays, filled before construction ends), so a trace attached to an instruction in a
 * shared page's decode cache is safely visible to every VM thread that finds it.
 *
 * <p>Two views of the same instructions: {@link #insns}, one element per guest instruction (used when the run
 * must stop at an exact instruction: budget end, breakpoints, watchpoints), and {@link #fused}, where a
 * flag-setting instruction followed by a jcc is one super-instruction.
 */
final class Trace {
    static final int MAX_LENGTH = 32;

    /** One element per guest instruction. */
    final Insn[] insns;
    /** The same instructions with super-instructions; equal to {@link #insns} when nothing was fused. */
    final Insn[] fused;
    /** {@code done[k]} = guest instructions in {@code fused[0..k)}; length {@code fused.length + 1}. */
    final int[] done;
    /** Guest instructions in the trace. */
    final int count;
    /** Address of the first instruction. */
    final int start;

    private Trace(Insn[] insns, Insn[] fused, int[] done) {
        this.insns = insns;
        this.fused = fused;
        this.done = done;
        this.count = insns.length;
        this.start = insns[0].addr;
    }

    static Trace of(Insn[] insns) {
        int n = insns.length;
        java.util.ArrayList<Insn> pairs = new java.util.ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Insn pair = k + 1 < n ? Insn.fuse(insns[k], insns[k + 1]) : null;
            if (pair != null) {
                pairs.add(pair);
                k++;
            } else {
                pairs.add(insns[k]);
            }
        }
        Insn[] fused = pairs.size() == n ? insns : pairs.toArray(new Insn[0]);
        int[] done = new int[fused.length + 1];
        for (int k = 0; k < fused.length; k++) {
            done[k + 1] = done[k] + fused[k].count;
        }
        return new Trace(insns, fused, done);
    }
}
