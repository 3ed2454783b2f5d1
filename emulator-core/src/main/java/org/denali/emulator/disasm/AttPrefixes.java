package org.denali.emulator.disasm;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.Prefixes;

/**
 * The prefix words objdump prints before a mnemonic ({@code lock}, {@code rep}, {@code repz}, {@code bnd},
 * {@code xacquire}, {@code data16}, {@code ds}...) and the branch hints it appends, following i386-dis.c: a
 * prefix the instruction consumes is not printed, one it ignores is.
 */
final class AttPrefixes {
    /** Branches, on which an F2 prefix is MPX's "bnd" rather than "repnz". */
    static final Set<Mnemonic> BRANCHES = EnumSet.of(Mnemonic.CALL, Mnemonic.RET, Mnemonic.JMP, Mnemonic.JCC);

    /** Conditional branches that take objdump's ",pt" / ",pn" hint suffix from a ds / cs prefix. */
    private static final Set<Mnemonic> HINTABLE = EnumSet.of(Mnemonic.JCC, Mnemonic.LOOP, Mnemonic.LOOPE,
            Mnemonic.LOOPNE, Mnemonic.JECXZ);

    private static final Set<Mnemonic> LOCKABLE = EnumSet.of(Mnemonic.ADD, Mnemonic.OR, Mnemonic.ADC, Mnemonic.SBB,
            Mnemonic.AND, Mnemonic.SUB, Mnemonic.XOR, Mnemonic.INC, Mnemonic.DEC, Mnemonic.NEG, Mnemonic.NOT,
            Mnemonic.BTS, Mnemonic.BTR, Mnemonic.BTC, Mnemonic.XADD, Mnemonic.CMPXCHG, Mnemonic.XCHG);

    /** Instructions whose spelling does not depend on the operand size: a 66 prefix on them is "data16". */
    private static final Set<Mnemonic> SIZE_INDEPENDENT = EnumSet.of(Mnemonic.CLC, Mnemonic.STC, Mnemonic.CMC,
            Mnemonic.CLD, Mnemonic.STD, Mnemonic.SAHF, Mnemonic.LAHF, Mnemonic.HLT, Mnemonic.INT3, Mnemonic.INT,
            Mnemonic.CPUID, Mnemonic.RDTSC, Mnemonic.UD2, Mnemonic.SETCC, Mnemonic.IDLE, Mnemonic.TERMINATE);

    private AttPrefixes() {
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

    /**
     * Prefix bytes objdump shows as separate words, in byte order: lock and the rep family always; 66, 67 and
     * segment overrides only when the instruction makes no use of them.
     */
    static List<String> prefixWords(DecodedInstruction insn) {
        List<String> words = new ArrayList<>();
        Mnemonic m = insn.mnemonic();
        boolean hinted = branchHint(insn) != null;
        for (int i = 0; i < insn.length() && isPrefix(insn.byteAt(i)); i++) {
            int b = insn.byteAt(i);
            switch (b) {
                case 0xF0 -> words.add("lock");
                case 0xF3 -> {
                    boolean last = lastOf(insn, i, 0xF3, 0xF2);
                    if (last && AttMnemonics.repeatPrefixedForm(insn) != null) {
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

    static boolean isPrefix(int b) {
        return switch (b) {
            case 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67, 0xF0, 0xF2, 0xF3 -> true;
            default -> false;
        };
    }

    /** True if the prefix at {@code index} is the last of its group (the one the instruction takes). */
    static boolean lastOf(DecodedInstruction insn, int index, int... group) {
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
        if (AttSyntax.STRING_OPS.contains(m)) {
            return m == Mnemonic.MOVS || m == Mnemonic.LODS || m == Mnemonic.CMPS; // the %ds:(%esi) operand
        }
        return insn.hasMemoryOperand();
    }

    static String segmentWord(int prefix) {
        return switch (prefix) {
            case 0x26 -> "es";
            case 0x2E -> "cs";
            case 0x36 -> "ss";
            case 0x3E -> "ds";
            case 0x64 -> "fs";
            default -> "gs";
        };
    }

    /**
     * Branch hints: a cs (2E) or ds (3E) prefix on a conditional branch means "predict not taken / taken". objdump
     * shows the hint when exactly one of the two is present among the prefixes, wherever it is.
     */
    static String branchHint(DecodedInstruction insn) {
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
}
