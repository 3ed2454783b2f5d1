package org.denali.emulator.disasm;

import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Operand;
import org.denali.emulator.cpu.decode.Registers;

/** Spells operands in AT&T syntax following the rules of binutils' i386-dis.c. */
final class AttOperands {
    private static final int ESP = Registers.ESP;

    private AttOperands() {
    }

    static String register(int size, int number) {
        return "%" + Registers.name(size, number);
    }

    static String segment(int number) {
        return "%" + Registers.segmentName(number) + ":";
    }

    /** An immediate as objdump prints it: unsigned hex, truncated to the operand's size. */
    static String immediate(Operand operand) {
        return "$0x" + Long.toHexString(operand.value() & mask(operand.size()));
    }

    static long mask(int size) {
        return switch (size) {
            case 1 -> 0xFFL;
            case 2 -> 0xFFFFL;
            default -> 0xFFFF_FFFFL;
        };
    }

    /**
     * The instruction's memory operand, with its segment override if any. The displacement is signed when a
     * register takes part in the address and unsigned (an absolute address) otherwise; a SIB byte without an
     * index register shows as {@code %eiz} where objdump needs it to keep the encoding distinguishable.
     */
    static String memory(DecodedInstruction insn) {
        StringBuilder out = new StringBuilder();
        if (insn.segmentOverride() >= 0) {
            out.append(segment(insn.segmentOverride()));
        }
        if (!insn.hasModRM()) { // moffs forms (A0-A3): a bare absolute address
            return out.append(unsignedHex(insn.displacement())).toString();
        }
        int mod = insn.modRmMod();
        boolean hasSib = insn.modRmRm() == 4;
        boolean haveBase = insn.base() >= 0;
        boolean haveIndex = insn.index() >= 0;
        boolean displacementPresent = mod == 1 || mod == 2 || !haveBase;
        boolean needIndex = hasSib && !haveBase && !haveIndex;
        boolean registerAddressed = haveBase || needIndex || hasSib && (haveIndex || insn.scale() != 0);
        if (displacementPresent) {
            out.append(registerAddressed ? signedHex(insn.displacement()) : unsignedHex(insn.displacement()));
        }
        if (registerAddressed) {
            out.append('(');
            if (haveBase) {
                out.append(register(4, insn.base()));
            }
            if (hasSib && (insn.scale() != 0 || needIndex || haveIndex || haveBase && insn.base() != ESP)) {
                out.append(',').append(haveIndex ? register(4, insn.index()) : "%eiz").append(',')
                        .append(1 << insn.scale());
            }
            out.append(')');
        }
        return out.toString();
    }

    static String signedHex(int value) {
        return value < 0 ? "-0x" + Long.toHexString(-(long) value) : "0x" + Integer.toHexString(value);
    }

    static String unsignedHex(int value) {
        return "0x" + Integer.toHexString(value);
    }
}
