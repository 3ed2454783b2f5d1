package org.denali.emulator.arch;

/** x86 exception vectors the Denali CPU raises. */
public final class FaultVector {
    /** Divide error: divisor 0 or quotient too large. */
    public static final int DE = 0;
    /** Breakpoint: int3 (reported after the instruction, like hardware's trap). */
    public static final int BP = 3;
    /** Invalid opcode: undefined bytes, ud2, or an instruction outside the Denali ISA. */
    public static final int UD = 6;
    /** General protection. */
    public static final int GP = 13;
    /** Page fault: access outside the accessible range or into the kernel region. */
    public static final int PF = 14;

    private FaultVector() {
    }

    public static String name(int vector) {
        return switch (vector) {
            case DE -> "#DE";
            case BP -> "#BP";
            case UD -> "#UD";
            case GP -> "#GP";
            case PF -> "#PF";
            default -> "#" + vector;
        };
    }
}
