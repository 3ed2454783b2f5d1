package org.denali.emulator.disasm;

import java.util.EnumSet;
import java.util.Set;

import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.Prefixes;

/**
 * Mnemonic spelling in objdump's AT&amp;T dialect: condition codes, {@code cwtl}-style conversions, {@code movzbl},
 * and the operand-size suffix, which objdump adds only when no register operand tells the size.
 */
final class AttMnemonics {
    /** Instructions that take an operand-size suffix when no register operand gives the size away. */
    private static final Set<Mnemonic> SUFFIXED_WHEN_UNSIZED = EnumSet.of(Mnemonic.ADD, Mnemonic.OR, Mnemonic.ADC,
            Mnemonic.SBB, Mnemonic.AND, Mnemonic.SUB, Mnemonic.XOR, Mnemonic.CMP, Mnemonic.TEST, Mnemonic.MOV,
            Mnemonic.INC, Mnemonic.DEC, Mnemonic.NEG, Mnemonic.NOT, Mnemonic.MUL, Mnemonic.IMUL, Mnemonic.DIV,
            Mnemonic.IDIV, Mnemonic.BT, Mnemonic.BTS, Mnemonic.BTR, Mnemonic.BTC, Mnemonic.NOP);

    /** Shifts and rotates: the count register (CL) does not give the size away. */
    private static final Set<Mnemonic> SHIFTS = EnumSet.of(Mnemonic.ROL, Mnemonic.ROR, Mnemonic.RCL, Mnemonic.RCR,
            Mnemonic.SHL, Mnemonic.SHR, Mnemonic.SAL, Mnemonic.SAR);

    private AttMnemonics() {
    }

    static String mnemonic(DecodedInstruction insn) {
        int size = insn.operandSize();
        String repeatForm = repeatPrefixedForm(insn);
        if (repeatForm != null) {
            return repeatForm;
        }
        return switch (insn.mnemonic()) {
            case JCC -> insn.mnemonicText() + hintSuffix(insn);
            case LOOP, LOOPE, LOOPNE, JECXZ -> insn.mnemonic().text() + hintSuffix(insn);
            case SETCC, CMOVCC -> insn.mnemonicText();
            case MOVS, CMPS -> insn.mnemonic().text() + sizeLetter(size);
            case STOS, LODS, SCAS -> insn.mnemonic().text();
            case CBW -> size == 2 ? "cbtw" : "cwtl";
            case CWD -> size == 2 ? "cwtd" : "cltd";
            case PUSHA, POPA, PUSHF, POPF, IRET, RET, LEAVE, ENTER ->
                insn.mnemonic().text() + (size == 2 ? "w" : "");
            case MOVZX, MOVSX -> (insn.mnemonic() == Mnemonic.MOVZX ? "movz" : "movs")
                    + sizeLetter(insn.operand(1).size()) + sizeLetter(size);
            case SAL -> suffixed(insn, "shl");
            case PUSH, POP -> insn.mnemonic().text()
                    + (size == 2 && !insn.operand(0).isRegister() ? "w" : "");
            case INT3 -> "int3";
            case UNSUPPORTED -> unsupportedMnemonic(insn);
            default -> suffixed(insn, insn.mnemonic().text());
        };
    }

    /**
     * F3 0F BC / BD / B8 are the BMI/ABM opcodes tzcnt, lzcnt and popcnt; gcc emits {@code rep bsf} (tzcnt) for
     * __builtin_ctz because older CPUs run it as bsf. objdump names them by the newer instruction.
     */
    static String repeatPrefixedForm(DecodedInstruction insn) {
        if (!insn.hasPrefix(Prefixes.REP)) {
            return null;
        }
        return switch (insn.opcode()) {
            case 0x1BC -> "tzcnt";
            case 0x1BD -> "lzcnt";
            case 0x1B8 -> "popcnt";
            default -> null;
        };
    }

    /**
     * Instructions outside the Denali ISA are printed by the decoder's name for them; objdump's spelling is matched
     * where it adds a size (descriptor-table loads and stores), otherwise the name is approximate for x87 and SSE.
     */
    private static String unsupportedMnemonic(DecodedInstruction insn) {
        String name = insn.mnemonicText();
        return switch (name) {
            case "lgdt", "lidt", "sgdt", "sidt" -> name + "l";
            case "insd" -> "insl";
            case "outsd" -> "outsl";
            default -> name;
        };
    }

    private static String hintSuffix(DecodedInstruction insn) {
        String hint = AttPrefixes.branchHint(insn);
        return hint == null ? "" : hint;
    }

    private static String suffixed(DecodedInstruction insn, String name) {
        Mnemonic m = insn.mnemonic();
        if (!insn.hasMemoryOperand()) {
            return name;
        }
        if (SHIFTS.contains(m)) {
            return name + sizeLetter(insn.operandSize());
        }
        if (!SUFFIXED_WHEN_UNSIZED.contains(m)) {
            return name;
        }
        for (int i = 0; i < insn.operandCount(); i++) {
            if (insn.operand(i).isRegister()) {
                return name;
            }
        }
        return name + sizeLetter(insn.operandSize());
    }

    static String sizeLetter(int size) {
        return switch (size) {
            case 1 -> "b";
            case 2 -> "w";
            default -> "l";
        };
    }
}
