package org.denali.emulator.cpu;

/** EFLAGS bit masks. */
public final class Flags {
    public static final int CF = 1;
    /** Bit 1 always reads as 1. */
    public static final int RESERVED1 = 1 << 1;
    public static final int PF = 1 << 2;
    public static final int AF = 1 << 4;
    public static final int ZF = 1 << 6;
    public static final int SF = 1 << 7;
    public static final int TF = 1 << 8;
    /** Reads as 1 (pushf): Denali replaces IF with the interrupts-enabled virtual register. */
    public static final int IF = 1 << 9;
    public static final int DF = 1 << 10;
    public static final int OF = 1 << 11;
    /** The six arithmetic status flags. */
    public static final int STATUS = CF | PF | AF | ZF | SF | OF;
    /** What popf/iret/sahf-style writes may change: status flags and DF (TF, IF, IOPL, AC, ID are not modelled). */
    public static final int WRITABLE = STATUS | DF;

    private Flags() {
    }
}
