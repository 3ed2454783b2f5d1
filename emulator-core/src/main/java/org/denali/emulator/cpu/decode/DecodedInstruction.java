package org.denali.emulator.cpu.decode;

import java.util.Arrays;

/**
 * One decoded x86 instruction, immutable (safe to share between VMs and threads). Produced by {@link Decoder}.
 *
 * <p>The memory operand (at most one explicit per instruction) is described by {@link #base()}, {@link #index()},
 * {@link #scale()} and {@link #displacement()}; the effective address is
 * {@code reg[base] + (reg[index] << scale) + displacement} with absent parts (-1) contributing 0.
 * Explicit operands are listed in Intel order (destination first) by {@link #operand(int)}; implicit operands
 * (string instructions, push/pop's stack, cpuid's registers...) are not listed.
 */
public final class DecodedInstruction {
    private static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np",
        "l", "ge", "le", "g"};
    private static final Operand[] NO_OPERANDS = new Operand[0];

    private final int address;
    private final byte[] bytes;
    private final Mnemonic mnemonic;
    private final String name;
    private final String unsupportedReason;
    private final int opcode;
    private final int condition;
    private final int operandSize;
    private final int prefixes;
    private final int segmentOverride;
    private final int modRM;
    private final int base;
    private final int index;
    private final int scale;
    private final int displacement;
    private final int immediate;
    private final int immediate2;
    private final Operand[] operands;
    private final int fetchFaultAddress;
    private final boolean fetchFaulted;

    DecodedInstruction(int address, byte[] bytes, Mnemonic mnemonic, String name, String unsupportedReason,
                       int opcode, int condition, int operandSize, int prefixes, int segmentOverride, int modRM,
                       int base, int index, int scale, int displacement, int immediate, int immediate2,
                       Operand[] operands, boolean fetchFaulted, int fetchFaultAddress) {
        this.address = address;
        this.bytes = bytes;
        this.mnemonic = mnemonic;
        this.name = name;
        this.unsupportedReason = unsupportedReason;
        this.opcode = opcode;
        this.condition = condition;
        this.operandSize = operandSize;
        this.prefixes = prefixes;
        this.segmentOverride = segmentOverride;
        this.modRM = modRM;
        this.base = base;
        this.index = index;
        this.scale = scale;
        this.displacement = displacement;
        this.immediate = immediate;
        this.immediate2 = immediate2;
        this.operands = operands.length == 0 ? NO_OPERANDS : operands;
        this.fetchFaulted = fetchFaulted;
        this.fetchFaultAddress = fetchFaultAddress;
    }

    /** Guest address of the first byte (first prefix, if any). */
    public int address() {
        return address;
    }

    /** Length in bytes, 1..15 (at least 1 even for INVALID, so a disassembler can always advance). */
    public int length() {
        return bytes.length;
    }

    /** Address of the following instruction (fall-through). */
    public int nextAddress() {
        return address + bytes.length;
    }

    public int byteAt(int i) {
        return bytes[i] & 0xFF;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public Mnemonic mnemonic() {
        return mnemonic;
    }

    /** True for every instruction the Denali CPU executes; false for INVALID and UNSUPPORTED (they raise #UD). */
    public boolean isInDenaliIsa() {
        return mnemonic != Mnemonic.INVALID && mnemonic != Mnemonic.UNSUPPORTED;
    }

    /** Why an instruction outside the Denali ISA is rejected, e.g. "x87 floating point"; null when supported. */
    public String unsupportedReason() {
        return unsupportedReason;
    }

    /** The assembler name as objdump's Intel syntax spells it: "jne", "movsd", "cwde", "cli", "fadd"... */
    public String mnemonicText() {
        String sizeSuffix = operandSize == 1 ? "b" : operandSize == 2 ? "w" : "d";
        return switch (mnemonic) {
            case JCC -> "j" + CONDITIONS[condition];
            case SETCC -> "set" + CONDITIONS[condition];
            case CMOVCC -> "cmov" + CONDITIONS[condition];
            case MOVS, CMPS, SCAS, LODS, STOS -> name + sizeSuffix;
            case CBW -> operandSize == 2 ? "cbw" : "cwde";
            case CWD -> operandSize == 2 ? "cwd" : "cdq";
            case PUSHA, POPA, PUSHF, POPF, IRET -> operandSize == 2 ? name : name + "d";
            case INVALID -> "(bad)";
            default -> name;
        };
    }

    /** The opcode: 0x00-0xFF for one-byte opcodes, 0x100-0x1FF for 0F xx. Prefixes are not included. */
    public int opcode() {
        return opcode;
    }

    /** Condition code 0..15 (o no b ae e ne be a s ns p np l ge le g) for JCC/SETCC/CMOVCC, else -1. */
    public int condition() {
        return condition;
    }

    /** Operand size in bytes: 1, 2 (66 prefix) or 4. For movzx/movsx this is the destination size. */
    public int operandSize() {
        return operandSize;
    }

    /** Bitmask of {@link Prefixes} constants. */
    public int prefixes() {
        return prefixes;
    }

    public boolean hasPrefix(int prefix) {
        return (prefixes & prefix) != 0;
    }

    /** Segment override 0..5 (ES CS SS DS FS GS) or -1. All segments have base 0 in Denali's flat model. */
    public int segmentOverride() {
        return segmentOverride;
    }

    public boolean hasModRM() {
        return modRM >= 0;
    }

    /** ModRM mod field (0..3), or -1 without ModRM. */
    public int modRmMod() {
        return modRM < 0 ? -1 : modRM >>> 6;
    }

    /** ModRM reg field (register operand or opcode extension), or -1 without ModRM. */
    public int modRmReg() {
        return modRM < 0 ? -1 : (modRM >>> 3) & 7;
    }

    /** ModRM r/m field, or -1 without ModRM. */
    public int modRmRm() {
        return modRM < 0 ? -1 : modRM & 7;
    }

    /** Memory operand base register, or -1. */
    public int base() {
        return base;
    }

    /** Memory operand index register, or -1. */
    public int index() {
        return index;
    }

    /** Memory operand scale as a shift count 0..3 (factor 1, 2, 4, 8). */
    public int scale() {
        return scale;
    }

    public int displacement() {
        return displacement;
    }

    /** The first immediate (sign- or zero-extended as the form defines), or the branch target for Jb/Jz. */
    public int immediate() {
        return immediate;
    }

    /** The second immediate: enter's nesting level, a far pointer's selector. */
    public int immediate2() {
        return immediate2;
    }

    public int operandCount() {
        return operands.length;
    }

    public Operand operand(int i) {
        return operands[i];
    }

    /** True if the instruction has an explicit memory operand. */
    public boolean hasMemoryOperand() {
        for (Operand o : operands) {
            if (o.kind() == OperandKind.MEMORY) {
                return true;
            }
        }
        return false;
    }

    /** True if decoding stopped because a byte could not be read; then {@link #fetchFaultAddress()} says where. */
    public boolean fetchFaulted() {
        return fetchFaulted;
    }

    public int fetchFaultAddress() {
        return fetchFaultAddress;
    }

    /** Hex bytes and mnemonic, for diagnostics (the disassembler owns real formatting). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%08x:", address));
        for (byte b : bytes) {
            sb.append(String.format(" %02x", b & 0xFF));
        }
        sb.append("  ").append(mnemonicText());
        if (!isInDenaliIsa()) {
            sb.append(" [").append(unsupportedReason).append(']');
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedInstruction d && d.address == address && Arrays.equals(d.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return address * 31 + Arrays.hashCode(bytes);
    }
}
