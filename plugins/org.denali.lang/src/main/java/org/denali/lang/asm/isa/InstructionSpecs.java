package org.denali.lang.asm.isa;

import org.denali.emulator.cpu.decode.Mnemonic;

/**
 * The assembler-side rules for every instruction kind of the emulator's decoder
 * ({@link org.denali.emulator.cpu.decode.Mnemonic}, the Denali ISA of docs/architecture.md §1.2). The switch has no
 * default: when the decoder learns a new instruction, this module stops compiling until the assembly language
 * knows it too, so the editor, {@code denali check} and the CPU cannot disagree about the subset.
 */
final class InstructionSpecs {
    private InstructionSpecs() {
    }

    /** The spec of a decoder mnemonic, or null for UNSUPPORTED/INVALID and the virtual instructions. */
    static InstructionSpec of(Mnemonic m) {
        return switch (m) {
            case ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST, MOV, XCHG, CMPXCHG, XADD ->
                spec(m, "bwl", 2, 2, Sizing.SAME, true);
            case INC, DEC, NEG, NOT, MUL, DIV, IDIV -> spec(m, "bwl", 1, 1, Sizing.SAME, true);
            case IMUL -> spec(m, "bwl", 1, 3, Sizing.SAME, true);
            case ROL, ROR, RCL, RCR, SHL, SHR, SAL, SAR -> spec(m, "bwl", 1, 2, Sizing.SHIFT, true);
            case SHLD, SHRD -> spec(m, "wl", 2, 3, Sizing.SHIFT, true);
            case BT, BTS, BTR, BTC -> spec(m, "wl", 2, 2, Sizing.SAME, true);
            case BSF, BSR, CMOVCC -> spec(m, "wl", 2, 2, Sizing.SAME, false);
            case SETCC -> spec(m, "b", 1, 1, Sizing.SAME, false);
            case MOVZX, MOVSX -> spec(m, "wl", 2, 2, Sizing.EXTEND, false);
            case LEA -> spec(m, "wl", 2, 2, Sizing.SAME, false);
            case BSWAP -> spec(m, "l", 1, 1, Sizing.SAME, false);
            case PUSH, POP -> spec(m, "wl", 1, 1, Sizing.SAME, false);
            case PUSHA, POPA, PUSHF, POPF, LEAVE -> spec(m, "wl", 0, 0, Sizing.NONE, false);
            case ENTER -> spec(m, "wl", 2, 2, Sizing.NONE, false);
            case CALL, JMP -> spec(m, "l", 1, 1, Sizing.NONE, false);
            case RET -> spec(m, "wl", 0, 1, Sizing.NONE, false);
            case JCC, LOOP, LOOPE, LOOPNE, JECXZ -> spec(m, "", 1, 1, Sizing.NONE, false);
            // decodes, but raises #GP (§1.3): the validator warns
            case INT -> spec(m, "", 1, 1, Sizing.NONE, false);
            case MOVS, CMPS, SCAS, LODS, STOS -> spec(m, "bwl", 0, 2, Sizing.STRING, false);
            case CBW, CWD, LAHF, SAHF, CLC, STC, CMC, CLD, STD, CPUID, RDTSC, HLT, INT3, UD2 ->
                spec(m, "", 0, 0, Sizing.NONE, false);
            case NOP -> spec(m, "wl", 0, 1, Sizing.NONE, false);
            case IN, OUT -> spec(m, "bwl", 1, 2, Sizing.PORT, false);
            case IRET -> spec(m, "wl", 0, 0, Sizing.NONE, false);
            case IDLE, TERMINATE, UNSUPPORTED, INVALID -> null;
        };
    }

    private static InstructionSpec spec(Mnemonic m, String suffixes, int min, int max, Sizing sizing,
            boolean sizeRequired) {
        return new InstructionSpec(m, suffixes, min, max, sizing, sizeRequired);
    }
}
