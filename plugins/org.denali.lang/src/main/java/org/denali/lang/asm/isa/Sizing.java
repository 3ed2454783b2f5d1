package org.denali.lang.asm.isa;

/** How an instruction's size suffix relates to its register operands (checked by the validator). */
public enum Sizing {
    /** Every general register operand has the operation's size (add, mov, push, lea ...). */
    SAME,
    /** As SAME, except that a register shift count must be %cl (shl, rol, shld ...). */
    SHIFT,
    /** movzx/movsx: the name gives the source size, the suffix the destination size. */
    EXTEND,
    /** in/out: the data operand is %al/%ax/%eax, the port an immediate or %dx. */
    PORT,
    /** String instructions: explicit operands only document the implicit ESI/EDI ones. */
    STRING,
    /** No register size rule (branches, flag instructions, ...). */
    NONE
}
