package org.denali.lang.asm.isa;

/** What a register name denotes, as far as the Denali ISA is concerned. */
public enum RegisterKind {
    /** eax..edi, ax..di, al..bh: usable everywhere. */
    GENERAL,
    /** es cs ss ds fs gs: segmentation is not exposed, moves and pushes of them are ambiguous. */
    SEGMENT,
    /** cr0.., dr0..: system registers, only privileged code touches them. */
    SYSTEM,
    /** st, st(i), mm0.., xmm0..: x87/MMX/SSE, not in version 1. */
    FLOATING_POINT_OR_VECTOR,
    /** eiz (gas's "no index" pseudo register). */
    PSEUDO
}
