package org.denali.emulator.disasm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.denali.emulator.arch.VirtualInstructions;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.Operand;
import org.denali.emulator.cpu.decode.Prefixes;
import org.denali.emulator.cpu.decode.Registers;

/**
 * Prints one decoded instruction in AT&T syntax exactly as GNU objdump 2.40 does: prefixes as words, mnemonic
 * padded to six columns and a space, operands source first. The spelling rules (when a size suffix appears, how
 * memory operands and immediates look) follow binutils' i386-dis.c and are checked against objdump by the tests.
 */
public final class AttSyntax {
    /** Instructions that take an operand-size suffix when no register operand gives the size away. */
    private static final Set<Mnemonic> SUFFIXED_WHEN_UNSIZED = EnumSet.of(Mnemonic.ADD, Mnemonic.OR, Mnemonic.ADC,
            Mnemonic.SBB, Mnemonic.AND, Mnemonic.SUB, Mnemonic.XOR, Mnemonic.CMP, Mnemonic.TEST, Mnemonic.MOV,
            Mnemonic.INC, Mnemonic.DEC, Mnemonic.NEG, Mnemonic.NOT, Mnemonic.MUL, Mnemonic.IMUL, Mnemonic.DIV,
            Mnemonic.IDIV, Mnemonic.BT, Mnemonic.BTS, Mnemonic.BTR, Mnemonic.BTC, Mnemonic.NOP);
    /** Shifts and rotates: the count register (CL) does not give the size away. */
    private static final Set<Mnemonic> SHIFTS = EnumSet.of(Mnemonic.ROL, Mnemonic.ROR, Mnemonic.RCL, Mnemonic.RCR,
            Mnemonic.SHL, Mnemonic.SHR, Mnemonic.SAL, Mnemonic.SAR);
    /** Instructions whose spelling does not depend on the operand size: a 66 prefix on them is "data16". */
    private static final Set<Mnemonic> SIZE_INDEPENDENT = EnumSet.of(Mnemonic.CLC, Mnemonic.STC, Mnemonic.CMC,
            Mnemonic.CLD, Mnemonic.STD, Mnemonic.SAHF, Mnemonic.LAHF, Mnemonic.HLT, Mnemonic.INT3, Mnemonic.INT,
            Mnemonic.CPUID, Mnemonic.RDTSC, Mnemonic.UD2, Mnemonic.SETCC, Mnemonic.IDLE, Mnemonic.TERMINATE);
    private static final Set<Mnemonic> STRING_OPS = EnumSet.of(Mnemonic.MOVS, Mnemonic.CMPS, Mnemonic.STOS,
            Mnemonic.LODS, Mnemonic.SCAS);
    private static final Set<Mnemonic> BRANCHES = EnumSet.of(Mnemonic.CALL, Mnemonic.RET, Mnemonic.JMP, Mnemonic.JCC);
    /** Conditional branches that take objdump's ",pt" / ",pn" hint suffix from a ds / cs prefix. */
    private static final Set<Mnemonic> HINTABLE = EnumSet.of(Mnemonic.JCC, Mnemonic.LOOP, Mnemonic.LOOPE,
            Mnemonic.LOOPNE, Mnemonic.JECXZ);
    private static final Set<Mnemonic> LOCKABLE = EnumSet.of(Mnemonic.ADD, Mnemonic.OR, Mnemonic.ADC, Mnemonic.SBB,
            Mnemonic.AND, Mnemonic.SUB, Mnemonic.XOR, Mnemonic.INC, Mnemonic.DEC, Mnemonic.NEG, Mnemonic.NOT,
            Mnemonic.BTS, Mnemonic.BTR, Mnemonic.BTC, Mnemonic.XADD, Mnemonic.CMPXCHG, Mnemonic.XCHG);

    private AttSyntax() {
    }

    /** The instruction text, e.g. {@code "mov    %esp,%ebp"} or {@code "call   100020 <sum>"}. */
    public static String format(DecodedInstruction insn, AddressNamer namer) {
        String special = specialForm(insn);
        if (special != null) {
            return special;
        }
        List<String> words = prefixWords(insn);
        words.add(mnemonic(insn));
        String head = String.join(" ", words);
        List<String> operands = operands(insn, namer);
        if (operands.isEmpty()) {
            return head;
        }
        return String.format("%-6s %s", head, String.join(",", operands));
    }

    /**
     * objdump's text for an instruction cut off by the end of the readable bytes: the first byte as a prefix name
     * or as a {@code .byte} directive; it then moves on by one byte ({@link #TRUNCATED_LENGTH}).
     */
    static String truncated(int firstByte) {
        return switch (firstByte) {
            case 0xF3 -> "repz";
            case 0xF2 -> "repnz";
            case 0xF0 -> "lock";
            case 0x66 -> "data16";
            case 0x67 -> "addr16";
            case 0x9B -> "fwait";
            case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 -> segmentWord(firstByte);
            default -> ".byte 0x" + Integer.toHexString(firstByte);
        };
    }

    static final int TRUNCATED_LENGTH = 1;

    /** Instructions with a fixed spelling: invalid bytes, Denali's virtual instructions, prefix-made opcodes. */
    private static String specialForm(DecodedInstruction insn) {
        return switch (insn.mnemonic()) {
            case INVALID -> "(bad)";
            case IDLE -> onlyBytes(insn, 0x0F, VirtualInstructions.IDLE_OPCODE) ? VirtualInstructions.IDLE_MNEMONIC : null;
            case TERMINATE -> onlyBytes(insn, 0x0F, VirtualInstructions.TERMINATE_OPCODE)
                    ? VirtualInstructions.TERMINATE_MNEMONIC : null;
            case NOP -> {
                if (onlyBytes(insn, 0xF3, 0x90)) {
                    yield "pause";
                }
                if (onlyBytes(insn, 0x66, 0x90)) {
                    yield "xchg   %ax,%ax";
                }
                if (onlyBytes(insn, 0xF3, 0x0F, 0x1E, 0xFB)) {
                    yield "endbr32";
                }
                yield null;
            }
            default -> null;
        };
    }

    private static boolean onlyBytes(DecodedInstruction insn, int... expected) {
        if (insn.length() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (insn.byteAt(i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Prefix bytes objdump shows as separate words, in byte order: lock and the rep family always; 66, 67 and
     * segment overrides only when the instruction makes no use of them.
     */
    private static List<String> prefixWords(DecodedInstruction insn) {
        List<String> words = new ArrayList<>();
        Mnemonic m = insn.mnemonic();
        boolean hinted = branchHint(insn) != null;
        for (int i = 0; i < insn.length() && isPrefix(insn.byteAt(i)); i++) {
            int b = insn.byteAt(i);
            switch (b) {
                case 0xF0 -> words.add("lock");
                case 0xF3 -> {
                    boolean last = lastOf(insn, i, 0xF3, 0xF2);
                    if (last && repeatPrefixedForm(insn) != null) {
                        continue; // part of the opcode
                    }
                    if (last && elidesLock(insn, true)) {
                        words.add("xrelease");
                    } else if (last && (m == Mnemonic.MOVS || m == Mnemonic.STOS || m == Mnemonic.LODS)) {
                        words.add("rep");
                    } else {
                        words.add("repz");
                    }
                }
                case 0xF2 -> {
                    boolean last = lastOf(insn, i, 0xF3, 0xF2);
                    if (last && elidesLock(insn, false)) {
                        words.add("xacquire");
                    } else {
                        // MPX: objdump names the last F2 before a branch "bnd", even if an F3 follows it
                        words.add(BRANCHES.contains(m) && lastOf(insn, i, 0xF2) ? "bnd" : "repnz");
                    }
                }
                case 0x66 -> {
                    if (!usesOperandSize(insn) || !lastOf(insn, i, 0x66)) {
                        words.add("data16");
                    }
                }
                case 0x67 -> words.add("addr16");
                default -> {
                    boolean last = lastOf(insn, i, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65);
                    // A branch hint consumes the last segment-prefix byte, whichever segment it names (as objdump).
                    if (!last || !(hinted || usesSegment(insn))) {
                        words.add(segmentWord(b));
                    }
                }
            }
        }
        return words;
    }

    /**
     * Hardware lock elision: F2 (xacquire) / F3 (xrelease) on a locked read-modify-write of memory, on xchg with
     * memory (always locked), and F3 on a plain store (mov to memory) are printed as HLE hints by objdump.
     */
    private static boolean elidesLock(DecodedInstruction insn, boolean release) {
        if (!insn.hasMemoryOperand() || insn.modRmMod() == 3 || !insn.hasModRM()) {
            return false;
        }
        int opcode = insn.opcode();
        if (opcode == 0x86 || opcode == 0x87) {
            return true;
        }
        if (release && (opcode == 0x88 || opcode == 0x89 || opcode == 0xC6 || opcode == 0xC7)) {
            return true;
        }
        return insn.hasPrefix(Prefixes.LOCK) && LOCKABLE.contains(insn.mnemonic())
                && insn.operand(0).isMemory();
    }

    private static boolean isPrefix(int b) {
        return switch (b) {
            case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3 -> true;
            default -> false;
        };
    }

    /** True if the prefix at {@code index} is the last of its group (the one the instruction takes). */
    private static boolean lastOf(DecodedInstruction insn, int index, int... group) {
        for (int i = index + 1; i < insn.length() && isPrefix(insn.byteAt(i)); i++) {
            for (int g : group) {
                if (insn.byteAt(i) == g) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean usesOperandSize(DecodedInstruction insn) {
        return insn.operandSize() != 1 && !SIZE_INDEPENDENT.contains(insn.mnemonic());
    }

    private static boolean usesSegment(DecodedInstruction insn) {
        Mnemonic m = insn.mnemonic();
        if (STRING_OPS.contains(m)) {
            return m == Mnemonic.MOVS || m == Mnemonic.LODS || m == Mnemonic.CMPS; // the %ds:(%esi) operand
        }
        return insn.hasMemoryOperand();
    }

    private static String segmentWord(int prefix) {
        return switch (prefix) {
            case 0x26 -> "es";
            case 0x2E -> "cs";
            case 0x36 -> "ss";
            case 0x3E -> "ds";
            case 0x64 -> "fs";
            default -> "gs";
        };
    }

    private static String mnemonic(DecodedInstruction insn) {
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
    private static String repeatPrefixedForm(DecodedInstruction insn) {
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

    /**
     * Branch hints: a cs (2E) or ds (3E) prefix on a conditional branch means "predict not taken / taken". objdump
     * shows the hint when exactly one of the two is present among the prefixes, wherever it is.
     */
    private static String branchHint(DecodedInstruction insn) {
        if (!HINTABLE.contains(insn.mnemonic())) {
            return null;
        }
        boolean cs = false;
        boolean ds = false;
        for (int i = 0; i < insn.length() && isPrefix(insn.byteAt(i)); i++) {
            cs |= insn.byteAt(i) == 0x2E;
            ds |= insn.byteAt(i) == 0x3E;
        }
        return cs == ds ? null : cs ? ",pn" : ",pt";
    }

    private static String hintSuffix(DecodedInstruction insn) {
        String hint = branchHint(insn);
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

    private static String sizeLetter(int size) {
        return switch (size) {
            case 1 -> "b";
            case 2 -> "w";
            default -> "l";
        };
    }

    /** Operands in AT&T order (source first); enter keeps Intel order, as in objdump. */
    private static List<String> operands(DecodedInstruction insn, AddressNamer namer) {
        Mnemonic m = insn.mnemonic();
        if (STRING_OPS.contains(m)) {
            return stringOperands(insn);
        }
        if (m == Mnemonic.UNSUPPORTED) {
            List<String> implicit = implicitOperandsOutsideTheIsa(insn);
            if (implicit != null) {
                return implicit;
            }
        }
        List<String> out = new ArrayList<>();
        boolean indirect = (m == Mnemonic.CALL || m == Mnemonic.JMP) && insn.opcode() == 0xFF;
        boolean port = m == Mnemonic.IN || m == Mnemonic.OUT;
        boolean implicitOne = insn.opcode() == 0xD0 || insn.opcode() == 0xD1;
        for (int i = 0; i < insn.operandCount(); i++) {
            Operand operand = insn.operand(i);
            if (implicitOne && operand.isImmediate()) {
                continue; // "shl %eax": objdump leaves the count 1 of D0/D1 implicit
            }
            String text = switch (operand.kind()) {
                case REGISTER -> registerText(insn, operand, port);
                case MEMORY -> AttOperands.memory(insn);
                case IMMEDIATE -> AttOperands.immediate(operand);
                case BRANCH_TARGET -> namer.name(operand.value() & 0xFFFF_FFFFL);
                case SEGMENT_REGISTER -> "%" + Registers.segmentName(operand.register());
                case CONTROL_REGISTER -> "%cr" + operand.register();
                case DEBUG_REGISTER -> "%db" + operand.register();
                case FAR_POINTER -> "$0x" + Integer.toHexString(operand.selector()) + ",$0x"
                        + Integer.toHexString(operand.value());
            };
            out.add(indirect ? "*" + text : text);
        }
        if (m != Mnemonic.ENTER) {
            Collections.reverse(out);
        }
        return out;
    }

    /** Port string instructions and xlat, which objdump prints with their implicit operands. */
    private static List<String> implicitOperandsOutsideTheIsa(DecodedInstruction insn) {
        String source = (insn.segmentOverride() >= 0 ? AttOperands.segment(insn.segmentOverride()) : "%ds:");
        return switch (insn.opcode()) {
            case 0x6C, 0x6D -> List.of("(%dx)", "%es:(%edi)");
            case 0x6E, 0x6F -> List.of(source + "(%esi)", "(%dx)");
            case 0xD7 -> List.of(source + "(%ebx)");
            default -> null;
        };
    }

    private static String registerText(DecodedInstruction insn, Operand operand, boolean port) {
        if (port && operand.size() == 2 && operand.register() == 2) {
            return "(%dx)";
        }
        if (insn.opcode() == 0x8C || insn.opcode() == 0x8E) {
            // mov to/from a segment register names the whole general register unless 66 narrows it
            return AttOperands.register(insn.hasPrefix(Prefixes.OPERAND_SIZE) ? 2 : 4, operand.register());
        }
        return AttOperands.register(operand.size(), operand.register());
    }

    private static List<String> stringOperands(DecodedInstruction insn) {
        String source = (insn.segmentOverride() >= 0 ? AttOperands.segment(insn.segmentOverride()) : "%ds:") + "(%esi)";
        String destination = "%es:(%edi)";
        String accumulator = AttOperands.register(insn.operandSize(), 0);
        return switch (insn.mnemonic()) {
            case MOVS -> List.of(source, destination);
            case CMPS -> List.of(destination, source);
            case STOS -> List.of(accumulator, destination);
            case LODS -> List.of(source, accumulator);
            default -> List.of(destination, accumulator); // SCAS
        };
    }

    /** Convenience for callers without a symbol table. */
    public static String format(DecodedInstruction insn) {
        return format(insn, AddressNamer.plain());
    }
}
