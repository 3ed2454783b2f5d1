package org.denali.emulator.cpu;

/**
 * A straight-line run of lowered instructions on one page, executed by the run loop without re-fetching each
 * one. Immutable (final array reference, filled before construction ends), so a trace attached to an instruction
 * in a shared page's decode cache is safely visible to every VM thread that finds it.
 */
final class Trace {
    static final int MAX_LENGTH = 32;

    final Insn[] insns;

    Trace(Insn[] insns) {
        this.insns = insns;
    }
}
