package org.denali.emulator.cpu.decode;

/** What an explicit operand of a {@link DecodedInstruction} denotes. */
public enum OperandKind {
    /** A general-purpose register; {@link Operand#register()} numbers it as {@link Registers} does for its size. */
    REGISTER,
    /** The instruction's one memory operand; the address parts are on the instruction (base, index, scale, disp). */
    MEMORY,
    /** An immediate; {@link Operand#value()} is already sign- or zero-extended as the instruction defines. */
    IMMEDIATE,
    /** A relative branch; {@link Operand#value()} is the absolute target address. */
    BRANCH_TARGET,
    /** A segment register (only in instructions outside the Denali ISA); register() = ES CS SS DS FS GS as 0..5. */
    SEGMENT_REGISTER,
    /** A control register CRn (privileged, outside the Denali ISA). */
    CONTROL_REGISTER,
    /** A debug register DRn (privileged, outside the Denali ISA). */
    DEBUG_REGISTER,
    /** A far pointer selector:offset immediate (outside the Denali ISA); value() = offset, Operand#selector(). */
    FAR_POINTER
}
