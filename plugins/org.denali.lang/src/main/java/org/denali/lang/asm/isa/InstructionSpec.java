package org.denali.lang.asm.isa;

import org.denali.emulator.cpu.decode.Mnemonic;

/**
 * How the Denali assembly accepts one instruction kind of the decoder: the suffixes it takes, its operand count
 * and size rule.
 *
 * @param suffixes the size suffixes allowed ("bwl", "wl", "" for none)
 * @param sizeRequired true if, without a suffix, some register operand must fix the size (gas cannot guess it:
 *        "addl $1, (%eax)" needs the suffix)
 */
public record InstructionSpec(Mnemonic mnemonic, String suffixes, int minOperands, int maxOperands, Sizing sizing,
        boolean sizeRequired) {

    public boolean allows(OperandSize size) {
        return suffixes.indexOf(size.suffix()) >= 0;
    }

    public String describeOperandCount() {
        if (minOperands == maxOperands) {
            return minOperands + (minOperands == 1 ? " operand" : " operands");
        }
        return minOperands + " to " + maxOperands + " operands";
    }
}
