package org.denali.emulator.cpu.decode;

/** Bits of {@link DecodedInstruction#prefixes()}. Segment overrides are reported by segmentOverride(). */
public final class Prefixes {
    /** F0: accepted and ignored (a single virtual CPU makes every instruction atomic). */
    public static final int LOCK = 1;
    /** F3: rep / repe / repz. */
    public static final int REP = 2;
    /** F2: repne / repnz. */
    public static final int REPNE = 4;
    /** 66: 16-bit operand size. */
    public static final int OPERAND_SIZE = 8;
    /** 67: 16-bit addressing; decoded for length but outside the Denali ISA (#UD). */
    public static final int ADDRESS_SIZE = 16;
    /** Any of 26 2E 36 3E 64 65. */
    public static final int SEGMENT = 32;

    private Prefixes() {
    }
}
