package org.denali.emulator.cpu;

import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.Operand;
import org.denali.emulator.cpu.decode.OperandKind;

import static org.denali.emulator.cpu.decode.Registers.ECX;

/**
 * A decoded instruction lowered for the run loop: the common 32-bit forms get a dense execution code with
 * their operands as plain ints (the Bochs idea of separate register/memory handlers, so the hot path tests
 * nothing about operand kinds); everything else is {@link #GENERIC} and runs from the {@link DecodedInstruction}.
 * Immutable and tied to one address, so it can live in a shared page's decode cache.
 */
final class Insn {
    static final int GENERIC = 0;
    static final int MOV_RR = 1;
    static final int MOV_RI = 2;
    static final int MOV_RM = 3;
    static final int MOV_MR = 4;
    static final int MOV_MI = 5;
    static final int ADD_RR = 6;
    static final int ADD_RI = 7;
    static final int ADD_RM = 8;
    static final int ADD_MR = 9;
    static final int SUB_RR = 10;
    static final int SUB_RI = 11;
    static final int SUB_RM = 12;
    static final int CMP_RR = 13;
    static final int CMP_RI = 14;
    static final int CMP_RM = 15;
    static final int CMP_MR = 16;
    static final int CMP_MI = 17;
    static final int AND_RR = 18;
    static final int AND_RI = 19;
    static final int OR_RR = 20;
    static final int OR_RI = 21;
    static final int XOR_RR = 22;
    static final int XOR_RI = 23;
    static final int TEST_RR = 24;
    static final int TEST_RI = 25;
    static final int INC_R = 26;
    static final int DEC_R = 27;
    static final int JCC = 28;
    static final int JMP = 29;
    static final int CALL = 30;
    static final int RET = 31;
    static final int PUSH_R = 32;
    static final int PUSH_I = 33;
    static final int POP_R = 34;
    static final int LEA = 35;
    static final int NOP = 36;
    static final int MOVZX8_RM = 37;
    static final int MOVZX8_RR = 38;
    static final int ADD_MI = 39;
    // Super-instructions: a flag-setting instruction and the jcc after it (only in traces).
    static final int DEC_JCC = 40;
    static final int INC_JCC = 41;
    static final int CMP_RR_JCC = 42;
    static final int CMP_RI_JCC = 43;
    static final int CMP_RM_JCC = 44;
    static final int CMP_MR_JCC = 45;
    static final int CMP_MI_JCC = 46;
    static final int TEST_RR_JCC = 47;
    static final int TEST_RI_JCC = 48;
    // A lowered jcc gets one execution code per condition pair (o, b, z, be, s, p, l, le; the low bit of cc
    // negates), so the run loop inlines only the flag evaluation of the conditions a program actually uses.
    static final int JCC_O = 49;
    static final int JCC_LE = JCC_O + 7;
    /** mov r32, [base + disp] and mov [base + disp], r32: the commonest memory forms, without an index. */
    static final int MOV_RM_B = 57;
    static final int MOV_MR_B = 58;
    // Forms that compiled C needs (gcc -m32 -O2 output of sorting, hashing, string and matrix loops).
    /** neg r32 / not r32. */
    static final int NEG_R = 59;
    static final int NOT_R = 60;
    /** shl/shr/sar r32 by an immediate count (1..31; a zero count stays generic) or by CL; kind in {@link #alu}. */
    static final int SHIFT_RI = 61;
    static final int SHIFT_RC = 62;
    /** imul r32, r/m32, imm and imul r32, r/m32 (truncating forms); mul r32 (edx:eax = eax * r32). */
    static final int IMUL_RRI = 63;
    static final int IMUL_RMI = 64;
    static final int IMUL_RR = 65;
    static final int IMUL_RM = 66;
    static final int MUL_R = 67;
    /** movsx/movzx r32 from 8- and 16-bit sources (byte registers as numbered by the decoder: 4..7 = ah..bh). */
    static final int MOVSX8_RR = 68;
    static final int MOVSX8_RM = 69;
    static final int MOVZX16_RR = 70;
    static final int MOVZX16_RM = 71;
    static final int MOVSX16_RR = 72;
    static final int MOVSX16_RM = 73;
    /** 8-bit moves, compares and tests. */
    static final int MOV8_MR = 74;
    static final int MOV8_RM = 75;
    static final int MOV8_MI = 76;
    static final int MOV8_RI = 77;
    static final int MOV8_RR = 78;
    static final int CMP8_RR = 79;
    static final int CMP8_RI = 80;
    static final int CMP8_MI = 81;
    static final int CMP8_RM = 82;
    static final int CMP8_MR = 83;
    static final int TEST8_RR = 84;
    static final int TEST8_RI = 85;
    /** setcc r8. */
    static final int SETCC_R = 86;
    /** add/or/and/sub/xor (kind in {@link #alu}) with a memory operand, where no dedicated code above exists. */
    static final int ALU_RM = 87;
    static final int ALU_MR = 88;
    static final int ALU_MI = 89;
    /** leave, cdq (32-bit), and jmp/call through a register or memory operand (jump tables, function pointers). */
    static final int LEAVE = 90;
    static final int CDQ = 91;
    static final int JMP_R = 92;
    static final int JMP_M = 93;
    static final int CALL_R = 94;
    static final int CALL_M = 95;
    static final int TEST_MR = 96;

    /** {@link #alu} kinds: the x86 group-1 and group-2 numbering (ModRM reg field). */
    static final int ALU_ADD = 0;
    static final int ALU_OR = 1;
    static final int ALU_AND = 4;
    static final int ALU_SUB = 5;
    static final int ALU_XOR = 6;
    static final int SHIFT_SHL = 4;
    static final int SHIFT_SHR = 5;
    static final int SHIFT_SAR = 7;

    /** The index of the always-zero register slot that stands for an absent base or index register. */
    static final int ZERO_REG = 8;

    final DecodedInstruction decoded;
    final int op;
    /** First register operand (destination), or -1. */
    final int r1;
    /** Second register operand (source), or -1. */
    final int r2;
    /** Base register, or {@link #ZERO_REG} if none. */
    final int base;
    /** Index register, or {@link #ZERO_REG} if none (then {@link #scale} is 0). */
    final int index;
    final int scale;
    final int disp;
    /** Immediate, or branch target for JCC/JMP/CALL. */
    final int imm;
    /** Branch target of JCC/JMP/CALL and of super-instructions. */
    final int target;
    final int cc;
    /** Sub-kind of ALU_* (ALU_ADD...) and SHIFT_* (SHIFT_SHL...) codes. */
    final int alu;
    /** The lazy-flag kind (op | bits << 8, as in Cpu.execute) an ALU_* code records. */
    final int lazy;
    /** Address of the (first) instruction. */
    final int addr;
    final int next;
    /** Guest instructions this element stands for (2 for a super-instruction). */
    final int count;
    /** True if executing this instruction can store to memory (a store into decoded code ends a trace). */
    final boolean writesMemory;
    /**
     * True if this instruction always or unpredictably continues somewhere other than {@link #next}, so a trace
     * ends with it (a jcc does not: traces are superblocks that leave at a taken jcc).
     */
    final boolean endsTrace;
    /**
     * The next element of the trace this element belongs to, or null at its end (and for the decode cache's own
     * instructions, which thereby are one-element traces for single steps). Trace elements are per-trace copies
     * ({@link #Insn(Insn, Insn, int, int)}), so the run loop walks a trace by following links, with no array, index
     * or bounds check.
     */
    final Insn link;
    /** Guest instructions before this element in its trace (0 for the decode cache's own instructions). */
    final int before;
    /** {@link #before} + {@link #count}: the trace's instructions done when it is left from this element. */
    final int end;
    /** For the first element of a trace: the trace's instruction count (0 elsewhere). */
    final int span;
    /** The trace starting here, built on first execution; a benign race may build it twice (same content). */
    Trace trace;
    /**
     * The first elements of traces on the same page that execution continued with after this element (successor
     * links, set by the run loop); each is checked against its {@link #addr} before use. Only traces from this
     * instruction's own page cache are linked here, and that cache is dropped as a whole when the page is written.
     */
    Insn linkA;
    Insn linkB;

    private Insn(DecodedInstruction d, int op, int r1, int r2, int imm) {
        this.decoded = d;
        this.op = op == JCC ? JCC_O + (d.condition() >>> 1)
            : op == MOV_RM && d.index() < 0 ? MOV_RM_B
            : op == MOV_MR && d.index() < 0 ? MOV_MR_B
            : op;
        this.r1 = r1;
        this.r2 = r2;
        this.base = d.base() >= 0 ? d.base() : ZERO_REG;
        this.index = d.index() >= 0 ? d.index() : ZERO_REG;
        this.scale = d.index() >= 0 ? d.scale() : 0;
        this.disp = d.displacement();
        this.imm = imm;
        this.target = d.immediate();
        this.cc = d.condition();
        this.alu = switch (d.mnemonic()) {
            case ADD -> ALU_ADD;
            case OR -> ALU_OR;
            case AND -> ALU_AND;
            case SUB -> ALU_SUB;
            case XOR -> ALU_XOR;
            case SHL, SAL -> SHIFT_SHL;
            case SHR -> SHIFT_SHR;
            case SAR -> SHIFT_SAR;
            default -> 0;
        };
        this.lazy = (this.alu == ALU_ADD ? Cpu.LAZY_ADD : this.alu == ALU_SUB ? Cpu.LAZY_SUB : Cpu.LAZY_LOGIC) | 32 << 8;
        this.addr = d.address();
        this.next = d.nextAddress();
        this.count = 1;
        this.link = null;
        this.before = 0;
        this.end = this.count;
        this.span = 0;
        this.writesMemory = switch (op) {
            case MOV_RR, MOV_RI, MOV_RM, ADD_RR, ADD_RI, ADD_RM, SUB_RR, SUB_RI, SUB_RM, CMP_RR, CMP_RI, CMP_RM,
                CMP_MR, CMP_MI, AND_RR, AND_RI, OR_RR, OR_RI, XOR_RR, XOR_RI, TEST_RR, TEST_RI, INC_R, DEC_R, POP_R,
                LEA, NOP, MOVZX8_RM, MOVZX8_RR, NEG_R, NOT_R, SHIFT_RI, SHIFT_RC, IMUL_RRI, IMUL_RMI, IMUL_RR,
                IMUL_RM, MUL_R, MOVSX8_RR, MOVSX8_RM, MOVZX16_RR, MOVZX16_RM, MOVSX16_RR, MOVSX16_RM, MOV8_RM,
                MOV8_RI, MOV8_RR, CMP8_RR, CMP8_RI, CMP8_MI, CMP8_RM, CMP8_MR, TEST8_RR, TEST8_RI, SETCC_R, ALU_RM,
                LEAVE, CDQ, JMP_R, JMP_M, TEST_MR -> false;
            default -> true;
        };
        // A jcc does not end a trace: a trace continues on the not-taken path and leaves at a taken jcc.
        this.endsTrace = op == GENERIC || op == JMP || op == CALL || op == RET || op == JMP_R
            || op == JMP_M || op == CALL_R || op == CALL_M;
    }

    /** A super-instruction: {@code first} (fusable flag setter) then {@code jcc}; fields of both. */
    private Insn(int op, Insn first, Insn jcc) {
        this.decoded = first.decoded;
        this.op = op;
        this.r1 = first.r1;
        this.r2 = first.r2;
        this.base = first.base;
        this.index = first.index;
        this.scale = first.scale;
        this.disp = first.disp;
        this.imm = first.imm;
        this.target = jcc.target;
        this.cc = jcc.cc;
        this.alu = first.alu;
        this.lazy = first.lazy;
        this.addr = first.addr;
        this.next = jcc.next;
        this.count = 2;
        this.link = null;
        this.before = 0;
        this.end = this.count;
        this.span = 0;
        this.writesMemory = false;
        this.endsTrace = true;
    }

    /**
     * A copy of {@code proto} as an element of a trace: followed by {@code link}, after {@code before} ones; the
     * first element ({@code before} 0) of a trace of {@code span} instructions.
     */
    Insn(Insn proto, Insn link, int before, int span) {
        this.decoded = proto.decoded;
        this.op = proto.op;
        this.r1 = proto.r1;
        this.r2 = proto.r2;
        this.base = proto.base;
        this.index = proto.index;
        this.scale = proto.scale;
        this.disp = proto.disp;
        this.imm = proto.imm;
        this.target = proto.target;
        this.cc = proto.cc;
        this.alu = proto.alu;
        this.lazy = proto.lazy;
        this.addr = proto.addr;
        this.next = proto.next;
        this.count = proto.count;
        this.link = link;
        this.before = before;
        this.end = before + proto.count;
        this.span = before == 0 ? span : 0;
        this.writesMemory = proto.writesMemory;
        this.endsTrace = proto.endsTrace;
    }

    /** The super-instruction for {@code first} followed by {@code second}, or null if they do not fuse. */
    static Insn fuse(Insn first, Insn second) {
        if (second.op < JCC_O || second.op > JCC_LE) {
            return null;
        }
        int op = switch (first.op) {
            case DEC_R -> DEC_JCC;
            case INC_R -> INC_JCC;
            case CMP_RR -> CMP_RR_JCC;
            case CMP_RI -> CMP_RI_JCC;
            case CMP_RM -> CMP_RM_JCC;
            case CMP_MR -> CMP_MR_JCC;
            case CMP_MI -> CMP_MI_JCC;
            case TEST_RR -> TEST_RR_JCC;
            case TEST_RI -> TEST_RI_JCC;
            default -> GENERIC;
        };
        return op == GENERIC ? null : new Insn(op, first, second);
    }

    static Insn lower(DecodedInstruction d) {
        int op = classify(d);
        int r1 = d.operandCount() > 0 ? d.operand(0).register() : -1;
        int r2 = d.operandCount() > 1 ? d.operand(1).register() : -1;
        int imm = d.immediate();
        if (d.operandCount() > 1 && d.operand(1).kind() == OperandKind.IMMEDIATE) {
            imm = d.operand(1).value();
        } else if (d.operandCount() > 2 && d.operand(2).kind() == OperandKind.IMMEDIATE) {
            imm = d.operand(2).value(); // imul r32, r/m32, imm
        }
        return new Insn(d, op, r1, r2, imm);
    }

    private static int classify(DecodedInstruction d) {
        if (d.mnemonic() == Mnemonic.NOP && !d.hasPrefix(org.denali.emulator.cpu.decode.Prefixes.REP
            | org.denali.emulator.cpu.decode.Prefixes.REPNE)) {
            return NOP; // every nop form, including 66 90 and the multi-byte 0f 1f /0 (its operand is not accessed)
        }
        if (d.mnemonic() == Mnemonic.SETCC) {
            Operand dst = d.operand(0);
            return dst.kind() == OperandKind.REGISTER && dst.size() == 1 ? SETCC_R : GENERIC;
        }
        if (d.operandSize() == 1 && !d.hasPrefix(org.denali.emulator.cpu.decode.Prefixes.REP
            | org.denali.emulator.cpu.decode.Prefixes.REPNE)) {
            return classifyByte(d);
        }
        if (d.operandSize() != 4 || d.hasPrefix(org.denali.emulator.cpu.decode.Prefixes.REP
            | org.denali.emulator.cpu.decode.Prefixes.REPNE) && d.mnemonic() != Mnemonic.RET) {
            return GENERIC;
        }
        Mnemonic m = d.mnemonic();
        int n = d.operandCount();
        String shape = shape(d);
        switch (m) {
            case MOV:
                return switch (shape) {
                    case "RR" -> MOV_RR;
                    case "RI" -> MOV_RI;
                    case "RM" -> MOV_RM;
                    case "MR" -> MOV_MR;
                    case "MI" -> MOV_MI;
                    default -> GENERIC;
                };
            case ADD:
                return pick(shape, ADD_RR, ADD_RI, ADD_RM, ADD_MR, ADD_MI);
            case SUB:
                return pick(shape, SUB_RR, SUB_RI, SUB_RM, ALU_MR, ALU_MI);
            case CMP:
                return pick(shape, CMP_RR, CMP_RI, CMP_RM, CMP_MR, CMP_MI);
            case AND:
                return pick(shape, AND_RR, AND_RI, ALU_RM, ALU_MR, ALU_MI);
            case OR:
                return pick(shape, OR_RR, OR_RI, ALU_RM, ALU_MR, ALU_MI);
            case XOR:
                return pick(shape, XOR_RR, XOR_RI, ALU_RM, ALU_MR, ALU_MI);
            case TEST:
                // test r/m32, r32: the decoder puts the r/m operand first
                return pick(shape, TEST_RR, TEST_RI, GENERIC, TEST_MR, GENERIC);
            case NEG:
                return shape.equals("R") ? NEG_R : GENERIC;
            case NOT:
                return shape.equals("R") ? NOT_R : GENERIC;
            case SHL, SAL, SHR, SAR:
                if (shape.equals("RI")) {
                    return (d.operand(1).value() & 31) != 0 ? SHIFT_RI : GENERIC;
                }
                return shape.equals("RB") && d.operand(1).register() == ECX ? SHIFT_RC : GENERIC;
            case IMUL:
                return switch (shape) {
                    case "RRI" -> IMUL_RRI;
                    case "RMI" -> IMUL_RMI;
                    case "RR" -> IMUL_RR;
                    case "RM" -> IMUL_RM;
                    default -> GENERIC;
                };
            case MUL:
                return shape.equals("R") ? MUL_R : GENERIC;
            case MOVSX:
                return d.operand(1).size() == 1 ? pick(shape, MOVSX8_RR, GENERIC, MOVSX8_RM, GENERIC, GENERIC)
                    : pick(shape, MOVSX16_RR, GENERIC, MOVSX16_RM, GENERIC, GENERIC);
            case LEAVE:
                return LEAVE;
            case CWD:
                return CDQ;
            case INC:
                return shape.equals("R") ? INC_R : GENERIC;
            case DEC:
                return shape.equals("R") ? DEC_R : GENERIC;
            case JCC:
                return JCC;
            case JMP:
                return n != 1 ? GENERIC : d.operand(0).kind() == OperandKind.BRANCH_TARGET ? JMP
                    : shape.equals("R") ? JMP_R : shape.equals("M") && d.operand(0).size() == 4 ? JMP_M : GENERIC;
            case CALL:
                return n != 1 ? GENERIC : d.operand(0).kind() == OperandKind.BRANCH_TARGET ? CALL
                    : shape.equals("R") ? CALL_R : shape.equals("M") && d.operand(0).size() == 4 ? CALL_M : GENERIC;
            case RET:
                return n == 0 ? RET : GENERIC;
            case PUSH:
                return shape.equals("R") ? PUSH_R : shape.equals("I") ? PUSH_I : GENERIC;
            case POP:
                return shape.equals("R") ? POP_R : GENERIC;
            case LEA:
                return LEA;
            case NOP:
                return NOP;
            case MOVZX:
                if (d.operand(1).size() == 1) {
                    return shape.equals("RM") ? MOVZX8_RM : shape.equals("RR") ? MOVZX8_RR : GENERIC;
                }
                return pick(shape, MOVZX16_RR, GENERIC, MOVZX16_RM, GENERIC, GENERIC);
            default:
                return GENERIC;
        }
    }

    /** 8-bit forms (operand size 1): B is a byte register in {@link #shape}. */
    private static int classifyByte(DecodedInstruction d) {
        String shape = shape(d);
        return switch (d.mnemonic()) {
            case MOV -> switch (shape) {
                case "MB" -> MOV8_MR;
                case "BM" -> MOV8_RM;
                case "MI" -> MOV8_MI;
                case "BI" -> MOV8_RI;
                case "BB" -> MOV8_RR;
                default -> GENERIC;
            };
            case CMP -> switch (shape) {
                case "BB" -> CMP8_RR;
                case "BI" -> CMP8_RI;
                case "MI" -> CMP8_MI;
                case "BM" -> CMP8_RM;
                case "MB" -> CMP8_MR;
                default -> GENERIC;
            };
            case TEST -> shape.equals("BB") ? TEST8_RR : shape.equals("BI") ? TEST8_RI : GENERIC;
            default -> GENERIC;
        };
    }

    private static int pick(String shape, int rr, int ri, int rm, int mr, int mi) {
        return switch (shape) {
            case "RR" -> rr;
            case "RI" -> ri;
            case "RM" -> rm;
            case "MR" -> mr;
            case "MI" -> mi;
            default -> GENERIC;
        };
    }

    /** Operand kinds as letters: R (32-bit register), M (memory), I (immediate); other kinds make it "?". */
    private static String shape(DecodedInstruction d) {
        StringBuilder s = new StringBuilder(3);
        for (int i = 0; i < d.operandCount(); i++) {
            Operand o = d.operand(i);
            switch (o.kind()) {
                case REGISTER -> s.append(o.size() == 4 ? 'R' : o.size() == 1 ? 'B' : '?');
                case MEMORY -> s.append('M');
                case IMMEDIATE -> s.append('I');
                default -> s.append('?');
            }
        }
        // movzx/movsx r32, r/m8|16 use a narrower register source: treat it as R for shape purposes
        if ((d.mnemonic() == Mnemonic.MOVZX || d.mnemonic() == Mnemonic.MOVSX) && s.length() == 2
            && (s.charAt(1) == 'B' || s.charAt(1) == '?') && d.operand(1).kind() == OperandKind.REGISTER) {
            s.setCharAt(1, 'R');
        }
        return s.toString();
    }
}
