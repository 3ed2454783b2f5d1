package org.denali.emulator.cpu.jit;

import static org.denali.emulator.cpu.decode.Registers.EAX;
import static org.denali.emulator.cpu.decode.Registers.EBP;
import static org.denali.emulator.cpu.decode.Registers.ECX;
import static org.denali.emulator.cpu.decode.Registers.EDX;
import static org.denali.emulator.cpu.decode.Registers.ESP;
import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.denali.emulator.cpu.CompiledTrace;
import org.denali.emulator.cpu.Flags;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.Operand;
import org.denali.emulator.cpu.decode.OperandKind;
import org.denali.emulator.cpu.decode.Prefixes;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates one trace (consecutive decoded instructions on one page) to the bytecode of a {@link CompiledBlock}
 * subclass: guest registers and the lazy-flag state live in JVM locals for the whole block, and are written back
 * only at its exits.
 *
 * <p>Exactness: the instructions retired are a static count at each exit plus a counter that moves only at internal
 * jumps, so every exit reports them exactly; a back edge re-enters the block only while a whole further pass fits
 * the budget. Every instruction does its memory checks (the page must be directly readable/writable, exactly the
 * interpreter's fast path) before it changes anything, so a failed check leaves the precise state before that
 * instruction and the interpreter restarts it (faults, copy-on-write, stores into code, watched and device pages).
 *
 * <p>Flags: add/sub/logic/inc/dec record the interpreter's lazy state in locals; C2 drops what no exit and no
 * reader needs. Eagerly computed flags (shifts, multiplies) are only remembered as their inputs and computed by
 * the interpreter's own helpers where something may read them: a condition, an exit (the exit stubs compute them
 * on the cold path), or a merge point. Conditions after a known flag setter are compared directly on its operands.
 * The CF an inc/dec keeps is folded into EFLAGS only if something may read it before the next full flag write;
 * otherwise only the exits in between fold it. Operands of 8 and 16 bits and the rarer flag writers (adc/sbb,
 * rotates, shifts of memory) use the interpreter's own definitions ({@code load}/{@code store} semantics,
 * {@code Cpu.cfOf}, {@code ShiftUnit.shift}).
 * The first instruction the translator does not handle ends the block with an exit to the interpreter.
 */
final class BlockTranslator {
    private static final String BLOCK = "org/denali/emulator/cpu/jit/CompiledBlock";
    private static final String MEMORY = "org/denali/emulator/memory/PagedMemory";
    private static final String ACCESS = "org/denali/emulator/cpu/jit/GuestMemoryAccess";

    // JVM locals of the body method
    private static final int STATE = 1;
    private static final int MEM = 2;
    private static final int BUDGET = 3;
    private static final int REG0 = 4;
    private static final int FOP = 12;
    private static final int FA = 13;
    private static final int FB = 14;
    private static final int FRES = 15;
    private static final int EFL = 16;
    private static final int DONE = 17;
    private static final int NEXT = 18;
    private static final int K = 19;
    private static final int SLOW = 20;
    private static final int ADDR = 21;
    private static final int PAGE = 22;
    private static final int V = 23;
    private static final int W = 24;
    private static final int ADDR2 = 25;
    private static final int PAGE2 = 26;
    private static final int LONG = 27; // two slots
    private static final int P_V = 29;
    private static final int P_C = 30;
    private static final int P_RES = 31;
    private static final int CARRY = 32;
    // the lazy flag state before an inc/dec whose CF fold was deferred (C_OP, C_A, C_B, C_RES)
    private static final int C_OP = 33;

    /** Compile-time flag knowledge: no known setter (the locals hold whatever the state is). */
    private static final int UNKNOWN = -1;
    /** Pending eager flags: none, a shift (kind + 1) or a multiply. */
    private static final int NO_PENDING = 0;
    private static final int PENDING_MUL = 100;

    /**
     * The region's instructions, segment after segment (a segment falls through from one to the next; its end
     * continues at its last instruction's successor, inside the region or not). A segment is cut after its first
     * instruction the translator does not handle, which becomes a stop: an exit to the interpreter there.
     */
    private final List<DecodedInstruction> insns = new ArrayList<>();
    /** Per position: the last of its segment. */
    private final List<Boolean> segmentEnd = new ArrayList<>();
    /** Per position: not translated, an exit to the interpreter. */
    private final List<Boolean> stop = new ArrayList<>();
    /** Positions in the region: the most instructions a pass from the entry retires before a back edge. */
    private final int count;
    private final java.util.Map<Integer, Integer> positionOf = new java.util.HashMap<>();
    /** Addresses a ret or indirect jump may continue at inside the region (its segment starts). */
    private final java.util.Map<Integer, Integer> dispatchTargets = new java.util.TreeMap<>();
    private final Label[] labels;
    /** Per position: control can reach it (see {@link #reachability}); the others get no code. */
    private final boolean[] reachable;
    private final List<Runnable> stubs = new ArrayList<>();
    private final Label exit = new Label();
    private MethodVisitor mv;
    private int writtenRegs;
    private boolean flagsWritten;
    private int known = UNKNOWN;
    private int knownBits;
    private int pending = NO_PENDING;
    /**
     * An inc/dec kept CF from the state saved in C_OP.. without folding it into EFL yet, because the following
     * instructions overwrite CF before anything reads it; exits before that point fold it (on their cold paths).
     */
    private boolean carryPending;
    private int carryKind;
    private int carryBits;

    private BlockTranslator(List<List<DecodedInstruction>> segments) {
        for (List<DecodedInstruction> segment : segments) {
            for (int k = 0; k < segment.size(); k++) {
                DecodedInstruction d = segment.get(k);
                boolean translated = translatable(d);
                positionOf.putIfAbsent(d.address(), insns.size());
                insns.add(d);
                stop.add(!translated);
                segmentEnd.add(!translated || k == segment.size() - 1);
                if (!translated) {
                    break;
                }
            }
        }
        this.count = insns.size();
        this.labels = new Label[count];
        for (int i = 0; i < count; i++) {
            if (i == 0 || segmentEnd.get(i - 1)) { // segment starts: traces, so also the return sites that ran
                dispatchTargets.putIfAbsent(insns.get(i).address(), i);
            }
        }
        for (int t : dispatchTargets.values()) {
            labels[t] = new Label();
        }
        for (int i = 0; i < count; i++) {
            if (stop.get(i)) {
                continue;
            }
            Integer t = internalTarget(insns.get(i));
            if (t != null && labels[t] == null) {
                labels[t] = new Label();
            }
            Integer f = fallThroughTarget(i);
            if (f != null && labels[f] == null) {
                labels[f] = new Label();
            }
        }
        this.reachable = reachability();
    }

    /**
     * Per position, whether control can get there from the entry: by falling through, a direct jump or call inside
     * the region, or (once the region has a ret or an indirect jmp/call) its dispatch to any segment start. The
     * region also holds traces that only follow a jmp or a call whose ret is elsewhere, and the traces after an
     * instruction the translator leaves to the interpreter; they get no code (before, ASM replaced them with nops
     * and athrow: a sixth of the generated bytecode on the mix guest).
     */
    private boolean[] reachability() {
        boolean[] seen = new boolean[count];
        boolean dispatching = false;
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>();
        work.push(0);
        while (!work.isEmpty()) {
            int i = work.pop();
            if (seen[i]) {
                continue;
            }
            seen[i] = true;
            if (stop.get(i)) {
                continue; // an exit to the interpreter
            }
            DecodedInstruction d = insns.get(i);
            Integer t = internalTarget(d);
            if (t != null) {
                work.push(t);
            }
            Mnemonic m = d.mnemonic();
            boolean jumps = m == Mnemonic.JMP || m == Mnemonic.CALL || m == Mnemonic.RET;
            boolean dynamic = m == Mnemonic.RET || jumps && d.operand(0).kind() != OperandKind.BRANCH_TARGET;
            if (dynamic && !dispatching) {
                dispatching = true;
                work.addAll(dispatchTargets.values());
            }
            if (!jumps) {
                Integer f = segmentEnd.get(i) ? fallThroughTarget(i) : Integer.valueOf(i + 1);
                if (f != null) {
                    work.push(f);
                }
            }
        }
        return seen;
    }

    /** Whether the region's entry (the first instruction of the first segment) can be translated at all. */
    static boolean compilable(List<List<DecodedInstruction>> segments) {
        return !segments.isEmpty() && !segments.get(0).isEmpty() && translatable(segments.get(0).get(0));
    }

    /**
     * A translated region: the class file of its block (a constructor {@code (int start, int span)}) and its span,
     * the positions in the region: the most instructions one pass retires.
     */
    record Translation(byte[] classFile, int span) {
    }

    /**
     * The block for the region {@code segments} (the first one is entered), named {@code className} (in
     * {@link CpuInternals#PACKAGE}).
     */
    static Translation translate(List<List<DecodedInstruction>> segments, String className) {
        BlockTranslator translator = new BlockTranslator(segments);
        return new Translation(translator.generate(className), translator.count);
    }

    private byte[] generate(String className) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, className, null, BLOCK, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "(II)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ILOAD, 1);
        init.visitVarInsn(ILOAD, 2);
        init.visitMethodInsn(INVOKESPECIAL, BLOCK, "<init>", "(II)V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();

        mv = cw.visitMethod(ACC_PROTECTED | ACC_FINAL, "body", "([IL" + MEMORY + ";I)I", null, null);
        mv.visitCode();
        for (int n = 0; n < 8; n++) {
            mv.visitVarInsn(ALOAD, STATE);
            iconst(n);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, REG0 + n);
        }
        for (int i = 0; i < 5; i++) {
            mv.visitVarInsn(ALOAD, STATE);
            iconst(CompiledTrace.FLAG_OP + i);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, FOP + i);
        }
        iconst(0);
        mv.visitVarInsn(ISTORE, DONE);
        for (int c = 0; c < 4; c++) {
            iconst(0);
            mv.visitVarInsn(ISTORE, C_OP + c);
        }
        boolean open = true;
        for (int i = 0; i < count; i++) {
            if (!reachable[i]) {
                open = false;
                continue;
            }
            if (labels[i] != null) {
                if (open) {
                    materialize();
                }
                mv.visitLabel(labels[i]);
                known = UNKNOWN;
                pending = NO_PENDING;
                carryPending = false;
            } else if (!open) {
                known = UNKNOWN; // after an instruction that turned out not to fall through: dead, still well-formed
                pending = NO_PENDING;
                carryPending = false;
            }
            if (stop.get(i)) {
                exitTo(insns.get(i).address(), i, true);
                open = false;
                continue;
            }
            open = emit(insns.get(i), i); // false after jmp, call, ret
            if (open && segmentEnd.get(i)) {
                Integer f = fallThroughTarget(i);
                if (f != null) {
                    materialize();
                    internalJump(f, i);
                } else {
                    exitTo(insns.get(i).nextAddress(), i + 1, false);
                }
                open = false;
            }
        }
        for (Runnable stub : stubs) {
            pending = NO_PENDING; // each stub computes what was pending where it branched off itself
            carryPending = false;
            stub.run();
        }
        emitExit();
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }

    // ------------------------------------------------------------------ what is translated

    private static boolean translatable(DecodedInstruction d) {
        if (d.fetchFaulted() || !d.isInDenaliIsa() || d.hasPrefix(Prefixes.LOCK | Prefixes.ADDRESS_SIZE)) {
            return false;
        }
        Mnemonic m = d.mnemonic();
        if (d.hasPrefix(Prefixes.REP | Prefixes.REPNE) && m != Mnemonic.RET) {
            return false;
        }
        int n = d.operandCount();
        int size = d.operandSize();
        return switch (m) {
            case ADD, SUB, CMP, AND, OR, XOR, TEST, ADC, SBB -> n == 2 && isRm(d.operand(0), size)
                && (isRm(d.operand(1), size) || d.operand(1).kind() == OperandKind.IMMEDIATE)
                && !(isMem(d.operand(0)) && isMem(d.operand(1)));
            case INC, DEC, NEG, NOT -> n == 1 && isRm(d.operand(0), size);
            case SHL, SAL, SHR, SAR, ROL, ROR, RCL, RCR -> n == 2 && isRm(d.operand(0), size)
                && (d.operand(1).kind() == OperandKind.IMMEDIATE
                || isReg(d.operand(1), 1) && d.operand(1).register() == ECX);
            case IMUL -> size == 4 && (n == 2 && isReg(d.operand(0), 4) && isRm32(d.operand(1))
                || n == 3 && isReg(d.operand(0), 4) && isRm32(d.operand(1))
                && d.operand(2).kind() == OperandKind.IMMEDIATE);
            case MUL -> size == 4 && n == 1 && isReg(d.operand(0), 4);
            case MOV -> n == 2 && isRm(d.operand(0), size)
                && (isRm(d.operand(1), size) || d.operand(1).kind() == OperandKind.IMMEDIATE)
                && !(isMem(d.operand(0)) && isMem(d.operand(1)));
            case MOVZX, MOVSX -> size == 4 && n == 2 && isReg(d.operand(0), 4)
                && (d.operand(1).size() == 1 || d.operand(1).size() == 2)
                && (d.operand(1).kind() == OperandKind.REGISTER || isMem(d.operand(1)));
            case LEA -> size == 4 && n == 2 && isReg(d.operand(0), 4) && isMem(d.operand(1));
            case NOP -> true;
            case CWD -> size == 4;
            case LEAVE -> size == 4;
            case PUSH -> size == 4 && n == 1
                && (isReg(d.operand(0), 4) || d.operand(0).kind() == OperandKind.IMMEDIATE);
            case POP -> size == 4 && n == 1 && isReg(d.operand(0), 4);
            case JCC -> true;
            case JMP, CALL -> n == 1 && (d.operand(0).kind() == OperandKind.BRANCH_TARGET || isRm32(d.operand(0)));
            case RET -> n == 0;
            case SETCC -> n == 1 && isReg(d.operand(0), 1);
            default -> false;
        };
    }

    private static boolean isReg(Operand o, int size) {
        return o.kind() == OperandKind.REGISTER && o.size() == size;
    }

    private static boolean isMem(Operand o) {
        return o.kind() == OperandKind.MEMORY;
    }

    /** A register or memory operand of {@code size} bytes (1, 2 or 4). */
    private static boolean isRm(Operand o, int size) {
        return (o.kind() == OperandKind.REGISTER || isMem(o)) && o.size() == size;
    }

    private static boolean isRm32(Operand o) {
        return isReg(o, 4) || isMem(o) && o.size() == 4;
    }

    private static boolean isRm8(Operand o) {
        return isReg(o, 1) || isMem(o) && o.size() == 1;
    }

    /** The position of the instruction a direct jcc/jmp jumps to inside the region, or null. */
    private Integer internalTarget(DecodedInstruction d) {
        boolean direct = d.mnemonic() == Mnemonic.JCC || (d.mnemonic() == Mnemonic.JMP
            || d.mnemonic() == Mnemonic.CALL) && d.operand(0).kind() == OperandKind.BRANCH_TARGET;
        return direct ? positionOf.get(d.immediate()) : null;
    }

    /** Where the end of a segment falls through to inside the region (never to the very next position), or null. */
    private Integer fallThroughTarget(int i) {
        if (!segmentEnd.get(i) || stop.get(i)) {
            return null;
        }
        return positionOf.get(insns.get(i).nextAddress());
    }

    // ------------------------------------------------------------------ instructions

    /** Emits instruction {@code i}; false if it always leaves the block (no fall-through). */
    private boolean emit(DecodedInstruction d, int i) {
        switch (d.mnemonic()) {
            case ADD, SUB, CMP, AND, OR, XOR, TEST, ADC, SBB -> alu(d, i);
            case INC, DEC -> incDec(d, i);
            case NEG, NOT -> negNot(d, i);
            case SHL, SAL, SHR, SAR, ROL, ROR, RCL, RCR -> {
                if (isFastShift(d)) {
                    shift(d);
                } else {
                    shiftGeneric(d, i);
                }
            }
            case IMUL -> imul(d, i);
            case MUL -> mul(d);
            case MOV -> mov(d, i);
            case MOVZX, MOVSX -> extend(d, i);
            case LEA -> {
                ea(d);
                storeReg(d.operand(0).register());
            }
            case NOP -> {
            }
            case CWD -> {
                loadReg(EAX);
                iconst(31);
                mv.visitInsn(ISHR);
                storeReg(EDX);
            }
            case LEAVE -> {
                loadReg(EBP);
                mv.visitVarInsn(ISTORE, ADDR);
                page(ADDR, PAGE, 4, false, slowExit(i));
                read(PAGE, ADDR, 4, true);
                mv.visitVarInsn(ISTORE, V);
                mv.visitVarInsn(ILOAD, ADDR);
                iconst(4);
                mv.visitInsn(IADD);
                storeReg(ESP);
                mv.visitVarInsn(ILOAD, V);
                storeReg(EBP);
            }
            case PUSH -> {
                Operand o = d.operand(0);
                if (o.kind() == OperandKind.REGISTER) {
                    loadReg(o.register());
                } else {
                    iconst(d.immediate());
                }
                mv.visitVarInsn(ISTORE, V);
                push(V, i);
            }
            case POP -> {
                loadReg(ESP);
                mv.visitVarInsn(ISTORE, ADDR);
                page(ADDR, PAGE, 4, false, slowExit(i));
                read(PAGE, ADDR, 4, true);
                mv.visitVarInsn(ISTORE, V);
                mv.visitVarInsn(ILOAD, ADDR);
                iconst(4);
                mv.visitInsn(IADD);
                storeReg(ESP);
                mv.visitVarInsn(ILOAD, V);
                storeReg(d.operand(0).register());
            }
            case JCC -> {
                jcc(d, i);
            }
            case JMP -> {
                Operand o = d.operand(0);
                if (o.kind() == OperandKind.BRANCH_TARGET) {
                    jumpTo(d.immediate(), i);
                } else {
                    loadOperandChecked(d, o, i);
                    exitDynamic(i);
                }
                return false;
            }
            case CALL -> {
                Operand o = d.operand(0);
                if (o.kind() == OperandKind.BRANCH_TARGET) {
                    iconst(d.nextAddress());
                    mv.visitVarInsn(ISTORE, V);
                    push(V, i);
                    jumpTo(d.immediate(), i); // a call into the region stays in it
                } else {
                    if (isMem(o)) {
                        ea(d);
                        mv.visitVarInsn(ISTORE, ADDR2);
                        page(ADDR2, PAGE2, 4, false, slowExit(i));
                        read(PAGE2, ADDR2, 4, true);
                    } else {
                        loadReg(o.register());
                    }
                    mv.visitVarInsn(ISTORE, W);
                    iconst(d.nextAddress());
                    mv.visitVarInsn(ISTORE, V);
                    push(V, i);
                    mv.visitVarInsn(ILOAD, W);
                    exitDynamic(i);
                }
                return false;
            }
            case RET -> {
                loadReg(ESP);
                mv.visitVarInsn(ISTORE, ADDR);
                page(ADDR, PAGE, 4, false, slowExit(i));
                read(PAGE, ADDR, 4, true);
                mv.visitVarInsn(ISTORE, V);
                mv.visitVarInsn(ILOAD, ADDR);
                iconst(4);
                mv.visitInsn(IADD);
                storeReg(ESP);
                mv.visitVarInsn(ILOAD, V);
                exitDynamic(i);
                return false;
            }
            case SETCC -> {
                Label t = new Label();
                Label end = new Label();
                jumpIf(d.condition(), t);
                iconst(0);
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(t);
                iconst(1);
                mv.visitLabel(end);
                storeByteReg(d.operand(0).register());
            }
            default -> throw new IllegalStateException("not translatable: " + d);
        }
        return true;
    }

    /**
     * add/adc/sub/sbb/cmp/and/or/xor/test on 8, 16 or 32 bits, recording the lazy flags exactly as the
     * interpreter's {@code arithmetic} does (operands as it loads them, the unmasked result).
     */
    private void alu(DecodedInstruction d, int i) {
        Mnemonic m = d.mnemonic();
        Operand dst = d.operand(0);
        Operand src = d.operand(1);
        int size = d.operandSize();
        boolean writesResult = m != Mnemonic.CMP && m != Mnemonic.TEST;
        if (isMem(dst) || isMem(src)) {
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, size, isMem(dst) && writesResult, slowExit(i));
        }
        boolean withCarry = m == Mnemonic.ADC || m == Mnemonic.SBB;
        if (withCarry) {
            pushCarry();
            mv.visitVarInsn(ISTORE, CARRY);
        }
        loadSized(dst, size);
        mv.visitVarInsn(ISTORE, V);
        loadSized(src, size);
        mv.visitVarInsn(ISTORE, W);
        mv.visitVarInsn(ILOAD, V);
        mv.visitVarInsn(ILOAD, W);
        switch (m) {
            case ADD, ADC -> mv.visitInsn(IADD);
            case SUB, CMP, SBB -> mv.visitInsn(ISUB);
            case AND, TEST -> mv.visitInsn(IAND);
            case OR -> mv.visitInsn(IOR);
            default -> mv.visitInsn(IXOR);
        }
        if (withCarry) {
            mv.visitVarInsn(ILOAD, CARRY);
            mv.visitInsn(m == Mnemonic.ADC ? IADD : ISUB);
        }
        mv.visitVarInsn(ISTORE, FRES);
        if (m == Mnemonic.AND || m == Mnemonic.TEST || m == Mnemonic.OR || m == Mnemonic.XOR) {
            setLazy(CpuInternals.LAZY_LOGIC, size * 8); // CF = OF = AF = 0: the operands are never read
        } else {
            mv.visitVarInsn(ILOAD, V);
            mv.visitVarInsn(ISTORE, FA);
            mv.visitVarInsn(ILOAD, W);
            mv.visitVarInsn(ISTORE, FB);
            boolean add = m == Mnemonic.ADD || m == Mnemonic.ADC;
            setLazy(add ? CpuInternals.LAZY_ADD : CpuInternals.LAZY_SUB, size * 8);
            if (withCarry) {
                known = UNKNOWN; // the result is not a - b: no direct comparison of the operands
            }
        }
        if (writesResult) {
            storeSized(dst, size, FRES);
        }
    }

    /** CF of the current flag state (0 or 1) on the stack, as the interpreter's {@code cf()}. */
    private void pushCarry() {
        materialize();
        if (known == UNKNOWN) {
            mv.visitVarInsn(ILOAD, FOP);
            iconst(0xFF);
            mv.visitInsn(IAND);
            mv.visitVarInsn(ILOAD, FOP);
            iconst(8);
            mv.visitInsn(IUSHR);
        } else {
            iconst(known);
            iconst(knownBits);
        }
        mv.visitVarInsn(ILOAD, FA);
        mv.visitVarInsn(ILOAD, FB);
        mv.visitVarInsn(ILOAD, FRES);
        mv.visitVarInsn(ILOAD, EFL);
        mv.visitMethodInsn(INVOKESTATIC, CpuInternals.CPU, "cfOf", "(IIIIII)I", false);
    }

    /** neg/not on a register or memory operand of any size, as the interpreter's {@code negNot}. */
    private void negNot(DecodedInstruction d, int i) {
        Operand dst = d.operand(0);
        int size = d.operandSize();
        if (isMem(dst)) {
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, size, true, slowExit(i));
        }
        loadSized(dst, size);
        mv.visitVarInsn(ISTORE, V);
        if (d.mnemonic() == Mnemonic.NOT) {
            mv.visitVarInsn(ILOAD, V);
            iconst(-1);
            mv.visitInsn(IXOR);
            mv.visitVarInsn(ISTORE, V);
            storeSized(dst, size, V);
            return;
        }
        iconst(0);
        mv.visitVarInsn(ISTORE, FA);
        mv.visitVarInsn(ILOAD, V);
        mv.visitVarInsn(ISTORE, FB);
        mv.visitVarInsn(ILOAD, V);
        mv.visitInsn(INEG);
        mv.visitVarInsn(ISTORE, FRES);
        setLazy(CpuInternals.LAZY_SUB, size * 8);
        storeSized(dst, size, FRES);
    }

    private void incDec(DecodedInstruction d, int i) {
        boolean inc = d.mnemonic() == Mnemonic.INC;
        Operand dst = d.operand(0);
        int size = d.operandSize();
        if (isMem(dst)) { // the memory check before anything changes
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, size, true, slowExit(i));
        }
        // inc/dec keep CF: fold the previous setter's CF into EFLAGS unless it was an inc/dec itself; if the
        // next instructions overwrite CF before anything reads it, only the exits in between fold it
        materialize();
        boolean owesFold = known == UNKNOWN || known != CpuInternals.LAZY_INC && known != CpuInternals.LAZY_DEC
            && known != CpuInternals.LAZY_NONE;
        if (owesFold && !carryPending) {
            if (carryLive(i)) {
                emitCarryFold(FOP, known, knownBits);
            } else {
                for (int c = 0; c < 4; c++) {
                    mv.visitVarInsn(ILOAD, FOP + c);
                    mv.visitVarInsn(ISTORE, C_OP + c);
                }
                carryPending = true;
                carryKind = known;
                carryBits = knownBits;
            }
        }
        loadSized(dst, size);
        mv.visitVarInsn(ISTORE, FA);
        iconst(1);
        mv.visitVarInsn(ISTORE, FB);
        mv.visitVarInsn(ILOAD, FA);
        iconst(1);
        mv.visitInsn(inc ? IADD : ISUB);
        mv.visitVarInsn(ISTORE, FRES);
        setLazy(inc ? CpuInternals.LAZY_INC : CpuInternals.LAZY_DEC, size * 8);
        storeSized(dst, size, FRES);
    }

    /**
     * EFL = EFL & ~CF | Cpu.cfOf(...) of the lazy state in the four locals from {@code state} (op, a, b, res, as
     * FOP..FRES), of kind {@code kind} (UNKNOWN: read from the op local, and nothing to fold if it is an inc/dec).
     */
    private void emitCarryFold(int state, int kind, int bits) {
        if (kind == CpuInternals.LAZY_INC || kind == CpuInternals.LAZY_DEC || kind == CpuInternals.LAZY_NONE) {
            return;
        }
        Label skip = new Label();
        if (kind == UNKNOWN) {
            mv.visitVarInsn(ILOAD, state);
            iconst(0xFF);
            mv.visitInsn(IAND);
            mv.visitVarInsn(ISTORE, V);
            mv.visitVarInsn(ILOAD, V);
            iconst(CpuInternals.LAZY_INC);
            mv.visitJumpInsn(IF_ICMPEQ, skip);
            mv.visitVarInsn(ILOAD, V);
            iconst(CpuInternals.LAZY_DEC);
            mv.visitJumpInsn(IF_ICMPEQ, skip);
        }
        mv.visitVarInsn(ILOAD, EFL);
        iconst(~Flags.CF);
        mv.visitInsn(IAND);
        if (kind == UNKNOWN) {
            mv.visitVarInsn(ILOAD, V);
            mv.visitVarInsn(ILOAD, state);
            iconst(8);
            mv.visitInsn(IUSHR);
        } else {
            iconst(kind);
            iconst(bits);
        }
        mv.visitVarInsn(ILOAD, state + 1);
        mv.visitVarInsn(ILOAD, state + 2);
        mv.visitVarInsn(ILOAD, state + 3);
        mv.visitVarInsn(ILOAD, EFL);
        mv.visitMethodInsn(INVOKESTATIC, CpuInternals.CPU, "cfOf", "(IIIIII)I", false);
        mv.visitInsn(IOR);
        mv.visitVarInsn(ISTORE, EFL);
        mv.visitLabel(skip);
        flagsWritten = true;
    }

    /**
     * Whether CF may be read after instruction {@code i} before an instruction overwrites it: a forward scan of
     * the straight-line code that follows (flag-neutral instructions and inc/dec continue it; a jump, a label, an
     * exit or any other reader ends it as "live").
     */
    private boolean carryLive(int i) {
        for (int j = i + 1; j < count; j++) {
            if (labels[j] != null || stop.get(j)) {
                return true;
            }
            DecodedInstruction d = insns.get(j);
            switch (d.mnemonic()) {
                case ADD, SUB, CMP, AND, OR, XOR, TEST, NEG, IMUL, MUL -> {
                    return false;
                }
                case SHL, SAL, SHR, SAR -> {
                    if (isFastShift(d) && d.operand(1).kind() == OperandKind.IMMEDIATE) {
                        return false;
                    }
                    return true;
                }
                case MOV, MOVZX, MOVSX, LEA, NOP, CWD, NOT, PUSH, POP, LEAVE, INC, DEC -> {
                    if (segmentEnd.get(j)) {
                        return true;
                    }
                }
                default -> {
                    return true;
                }
            }
        }
        return true;
    }

    private void shift(DecodedInstruction d) {
        int kind = switch (d.mnemonic()) {
            case SHR -> CpuInternals.SHIFT_SHR;
            case SAR -> CpuInternals.SHIFT_SAR;
            default -> CpuInternals.SHIFT_SHL;
        };
        int op = kind == CpuInternals.SHIFT_SHL ? ISHL : kind == CpuInternals.SHIFT_SHR ? IUSHR : ISHR;
        int r = d.operand(0).register();
        Operand count = d.operand(1);
        if (count.kind() == OperandKind.IMMEDIATE) {
            // a full flag write: any earlier pending flags are dead; these are computed only where read
            loadReg(r);
            mv.visitVarInsn(ISTORE, P_V);
            iconst(count.value() & 31);
            mv.visitVarInsn(ISTORE, P_C);
            mv.visitVarInsn(ILOAD, P_V);
            mv.visitVarInsn(ILOAD, P_C);
            mv.visitInsn(op);
            mv.visitVarInsn(ISTORE, P_RES);
            mv.visitVarInsn(ILOAD, P_RES);
            storeReg(r);
            pending = kind + 1;
            carryPending = false; // a full flag write
            flagsWritten = true;
            return;
        }
        // by CL: a zero count changes nothing, not even the flags
        materialize();
        Label skip = new Label();
        loadReg(ECX);
        iconst(31);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, P_C);
        mv.visitVarInsn(ILOAD, P_C);
        mv.visitJumpInsn(IFEQ, skip);
        loadReg(r);
        mv.visitVarInsn(ISTORE, P_V);
        mv.visitVarInsn(ILOAD, P_V);
        mv.visitVarInsn(ILOAD, P_C);
        mv.visitInsn(op);
        mv.visitVarInsn(ISTORE, P_RES);
        mv.visitVarInsn(ILOAD, P_RES);
        storeReg(r);
        pending = kind + 1;
        materialize();
        mv.visitLabel(skip);
        known = UNKNOWN;
    }

    /** The shifts {@link #shift} translates inline: 32-bit register, by a non-zero immediate or by CL. */
    private static boolean isFastShift(DecodedInstruction d) {
        Mnemonic m = d.mnemonic();
        Operand count = d.operand(1);
        return (m == Mnemonic.SHL || m == Mnemonic.SAL || m == Mnemonic.SHR || m == Mnemonic.SAR)
            && isReg(d.operand(0), 4)
            && (count.kind() != OperandKind.IMMEDIATE || (count.value() & 31) != 0);
    }

    /**
     * Every other shift and rotate (8/16 bits, memory, rol/ror/rcl/rcr, a count of 0): the interpreter's own
     * {@code ShiftUnit.shift} on the materialised flags, its flags kept eagerly, as the interpreter does.
     */
    private void shiftGeneric(DecodedInstruction d, int i) {
        Operand dst = d.operand(0);
        Operand count = d.operand(1);
        int size = d.operandSize();
        if (isMem(dst)) {
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, size, true, slowExit(i));
        }
        materialize();
        iconst(d.modRmReg());
        iconst(size);
        loadSized(dst, size);
        if (count.kind() == OperandKind.IMMEDIATE) {
            iconst(count.value());
        } else {
            loadByteReg(ECX);
        }
        pushStatusFlags();
        mv.visitMethodInsn(INVOKESTATIC, CpuInternals.SHIFT_UNIT, "shift", "(IIIII)J", false);
        mv.visitVarInsn(LSTORE, LONG);
        mv.visitVarInsn(LLOAD, LONG);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, V);
        // a count of 0 changes nothing: the value stored back is the one loaded, the flags the materialised ones
        storeSized(dst, size, V);
        mv.visitVarInsn(LLOAD, LONG);
        iconst(32);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, EFL);
        iconst(CpuInternals.LAZY_NONE);
        mv.visitVarInsn(ISTORE, FOP);
        known = CpuInternals.LAZY_NONE;
        knownBits = 0;
        flagsWritten = true;
    }

    /** The whole EFLAGS of the current flag state on the stack (pending flags must be materialised). */
    private void pushStatusFlags() {
        if (known == UNKNOWN) {
            mv.visitVarInsn(ILOAD, FOP);
            iconst(0xFF);
            mv.visitInsn(IAND);
            mv.visitVarInsn(ILOAD, FOP);
            iconst(8);
            mv.visitInsn(IUSHR);
        } else {
            iconst(known);
            iconst(knownBits);
        }
        mv.visitVarInsn(ILOAD, FA);
        mv.visitVarInsn(ILOAD, FB);
        mv.visitVarInsn(ILOAD, FRES);
        mv.visitVarInsn(ILOAD, EFL);
        mv.visitMethodInsn(INVOKESTATIC, CpuInternals.CPU, "statusFlags", "(IIIIII)I", false);
    }

    private void imul(DecodedInstruction d, int i) {
        Operand src = d.operand(1);
        if (isMem(src)) {
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, 4, false, slowExit(i));
        }
        load32(src);
        mv.visitInsn(I2L);
        if (d.operandCount() == 3) {
            iconst(d.operand(2).value());
        } else {
            loadReg(d.operand(0).register());
        }
        mv.visitInsn(I2L);
        mv.visitInsn(LMUL);
        mv.visitVarInsn(LSTORE, LONG);
        mv.visitVarInsn(LLOAD, LONG);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, P_RES);
        // overflow: the product does not fit 32 bits
        mv.visitVarInsn(LLOAD, LONG);
        mv.visitVarInsn(ILOAD, P_RES);
        mv.visitInsn(I2L);
        mv.visitInsn(LCMP);
        iconst(1);
        mv.visitInsn(IAND);
        mv.visitVarInsn(ISTORE, P_V);
        mv.visitVarInsn(ILOAD, P_RES);
        storeReg(d.operand(0).register());
        pending = PENDING_MUL;
        carryPending = false; // a full flag write
        flagsWritten = true;
    }

    private void mul(DecodedInstruction d) {
        loadReg(EAX);
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        loadReg(d.operand(0).register());
        mv.visitInsn(I2L);
        mv.visitLdcInsn(0xFFFF_FFFFL);
        mv.visitInsn(LAND);
        mv.visitInsn(LMUL);
        mv.visitVarInsn(LSTORE, LONG);
        mv.visitVarInsn(LLOAD, LONG);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, P_RES);
        mv.visitVarInsn(LLOAD, LONG);
        iconst(32);
        mv.visitInsn(LUSHR);
        mv.visitInsn(L2I);
        mv.visitVarInsn(ISTORE, W);
        // overflow: a non-zero high half, as 0/1
        mv.visitVarInsn(ILOAD, W);
        mv.visitVarInsn(ILOAD, W);
        mv.visitInsn(INEG);
        mv.visitInsn(IOR);
        iconst(31);
        mv.visitInsn(IUSHR);
        mv.visitVarInsn(ISTORE, P_V);
        mv.visitVarInsn(ILOAD, P_RES);
        storeReg(EAX);
        mv.visitVarInsn(ILOAD, W);
        storeReg(EDX);
        pending = PENDING_MUL;
        carryPending = false; // a full flag write
        flagsWritten = true;
    }

    private void mov(DecodedInstruction d, int i) {
        Operand dst = d.operand(0);
        Operand src = d.operand(1);
        int size = d.operandSize();
        if (isMem(dst) || isMem(src)) {
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, size, isMem(dst), slowExit(i));
        }
        loadSized(src, size);
        mv.visitVarInsn(ISTORE, V);
        storeSized(dst, size, V);
    }

    private void extend(DecodedInstruction d, int i) {
        Operand src = d.operand(1);
        boolean signed = d.mnemonic() == Mnemonic.MOVSX;
        int size = src.size();
        if (isMem(src)) {
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, size, false, slowExit(i));
            read(PAGE, ADDR, size, signed);
        } else if (size == 1) {
            loadByteReg(src.register());
            if (signed) {
                mv.visitInsn(I2B);
            }
        } else {
            loadReg(src.register());
            if (signed) {
                mv.visitInsn(I2S);
            } else {
                iconst(0xFFFF);
                mv.visitInsn(IAND);
            }
        }
        storeReg(d.operand(0).register());
    }

    /** Pushes local {@code value}: [ESP - 4] must be directly writable, else the interpreter runs instruction i. */
    private void push(int value, int i) {
        loadReg(ESP);
        iconst(4);
        mv.visitInsn(ISUB);
        mv.visitVarInsn(ISTORE, ADDR);
        page(ADDR, PAGE, 4, true, slowExit(i));
        mv.visitVarInsn(ALOAD, PAGE);
        offset(ADDR);
        mv.visitVarInsn(ILOAD, value);
        mv.visitMethodInsn(INVOKESTATIC, ACCESS, "set32", "([BII)V", false);
        mv.visitVarInsn(ILOAD, ADDR);
        storeReg(ESP);
    }

    /** The value of a 32-bit register or memory operand (the memory checked now) on the stack. */
    private void loadOperandChecked(DecodedInstruction d, Operand o, int i) {
        if (isMem(o)) {
            ea(d);
            mv.visitVarInsn(ISTORE, ADDR);
            page(ADDR, PAGE, 4, false, slowExit(i));
            read(PAGE, ADDR, 4, true);
        } else {
            loadReg(o.register());
        }
    }

    private void jcc(DecodedInstruction d, int i) {
        materialize();
        int target = d.immediate();
        Integer t = internalTarget(d);
        Label taken = new Label();
        jumpIf(d.condition(), taken);
        stubs.add(() -> {
            mv.visitLabel(taken);
            if (t != null) {
                internalJump(t, i);
            } else {
                exitTo(target, i + 1, false);
            }
        });
    }

    private void jumpTo(int target, int i) {
        materialize();
        Integer t = positionOf.get(target);
        if (t != null) {
            internalJump(t, i);
        } else {
            exitTo(target, i + 1, false);
        }
    }

    /**
     * From instruction {@code from} (retired) to instruction {@code t} of this block: the count before t is t, so
     * the counter moves by from + 1 - t; a back edge goes on only while a whole pass still fits the budget.
     */
    private void internalJump(int t, int from) {
        int adjust = from + 1 - t;
        if (adjust != 0) {
            mv.visitIincInsn(DONE, adjust);
        }
        if (t > from) {
            mv.visitJumpInsn(GOTO, labels[t]);
            return;
        }
        mv.visitVarInsn(ILOAD, BUDGET);
        mv.visitVarInsn(ILOAD, DONE);
        mv.visitInsn(ISUB);
        iconst(count);
        mv.visitJumpInsn(IF_ICMPGE, labels[t]);
        iconst(insns.get(t).address());
        mv.visitVarInsn(ISTORE, NEXT);
        iconst(t);
        mv.visitVarInsn(ISTORE, K);
        iconst(0);
        mv.visitVarInsn(ISTORE, SLOW);
        mv.visitJumpInsn(GOTO, exit);
    }

    // ------------------------------------------------------------------ conditions

    /** Jumps to {@code target} if condition {@code cc} holds (pending flags must be materialised). */
    private void jumpIf(int cc, Label target) {
        materialize();
        boolean negate = (cc & 1) != 0;
        int pair = cc >>> 1;
        if (known == CpuInternals.LAZY_SUB && knownBits > 0 && pair != 0 && pair != 5) {
            if (pair == 4) {
                loadResultTop();
                mv.visitJumpInsn(negate ? IFGE : IFLT, target);
                return;
            }
            boolean unsigned = pair == 1 || pair == 3;
            loadComparand(FA, unsigned);
            loadComparand(FB, unsigned);
            int op = switch (pair) {
                case 1, 6 -> negate ? IF_ICMPGE : IF_ICMPLT;
                case 2 -> negate ? IF_ICMPNE : IF_ICMPEQ;
                default -> negate ? IF_ICMPGT : IF_ICMPLE; // 3 (be), 7 (le)
            };
            mv.visitJumpInsn(op, target);
            return;
        }
        if (known == CpuInternals.LAZY_LOGIC && knownBits > 0 && pair != 5) {
            // CF = OF = 0
            switch (pair) {
                case 0, 1 -> {
                    if (negate) {
                        mv.visitJumpInsn(GOTO, target);
                    }
                }
                case 2, 3 -> {
                    loadResultTop();
                    mv.visitJumpInsn(negate ? IFNE : IFEQ, target);
                }
                case 4, 6 -> {
                    loadResultTop();
                    mv.visitJumpInsn(negate ? IFGE : IFLT, target);
                }
                default -> {
                    loadResultTop();
                    mv.visitJumpInsn(negate ? IFGT : IFLE, target);
                }
            }
            return;
        }
        if ((known == CpuInternals.LAZY_INC || known == CpuInternals.LAZY_DEC) && knownBits == 32) {
            iconst(cc);
            mv.visitVarInsn(ILOAD, FRES);
            iconst(known == CpuInternals.LAZY_INC ? Integer.MIN_VALUE : Integer.MAX_VALUE);
            mv.visitVarInsn(ILOAD, EFL);
            mv.visitMethodInsn(INVOKESTATIC, CpuInternals.CPU, "incDecCondition", "(IIII)Z", false);
            mv.visitJumpInsn(IFNE, target);
            return;
        }
        iconst(cc);
        if (known == UNKNOWN) {
            mv.visitVarInsn(ILOAD, FOP);
            iconst(0xFF);
            mv.visitInsn(IAND);
            mv.visitVarInsn(ILOAD, FOP);
            iconst(8);
            mv.visitInsn(IUSHR);
        } else {
            iconst(known);
            iconst(knownBits);
        }
        mv.visitVarInsn(ILOAD, FA);
        mv.visitVarInsn(ILOAD, FB);
        mv.visitVarInsn(ILOAD, FRES);
        mv.visitVarInsn(ILOAD, EFL);
        mv.visitMethodInsn(INVOKESTATIC, CpuInternals.CPU, "conditionOf", "(IIIIIII)Z", false);
        mv.visitJumpInsn(IFNE, target);
    }

    /** The lazy result shifted so its sign bit (bit knownBits - 1) is bit 31: zero and sign tests as on 32 bits. */
    private void loadResultTop() {
        mv.visitVarInsn(ILOAD, FRES);
        if (knownBits < 32) {
            iconst(32 - knownBits);
            mv.visitInsn(ISHL);
        }
    }

    /**
     * An operand of the known sub/cmp, normalised so a signed JVM comparison of two of them orders them as the
     * condition does: its low knownBits sign-extended (signed) or, for unsigned conditions, zero-extended (and
     * for 32 bits biased by 2^31).
     */
    private void loadComparand(int local, boolean unsigned) {
        mv.visitVarInsn(ILOAD, local);
        if (knownBits == 32) {
            if (unsigned) {
                iconst(Integer.MIN_VALUE);
                mv.visitInsn(IXOR);
            }
        } else if (unsigned) {
            iconst((1 << knownBits) - 1);
            mv.visitInsn(IAND);
        } else {
            iconst(32 - knownBits);
            mv.visitInsn(ISHL);
            iconst(32 - knownBits);
            mv.visitInsn(ISHR);
        }
    }

    // ------------------------------------------------------------------ flags

    private void setLazy(int kind, int bits) {
        if (kind != CpuInternals.LAZY_INC && kind != CpuInternals.LAZY_DEC) {
            carryPending = false; // a full flag write: the CF an earlier inc/dec kept is dead
        }
        iconst(kind | bits << 8);
        mv.visitVarInsn(ISTORE, FOP);
        known = kind;
        knownBits = bits;
        pending = NO_PENDING;
        flagsWritten = true;
    }

    /** Computes pending eager flags into EFL (the interpreter's helpers), on the current path. */
    private void materialize() {
        if (carryPending) {
            emitCarryFold(C_OP, carryKind, carryBits);
            carryPending = false;
        }
        if (pending == NO_PENDING) {
            return;
        }
        emitMaterialize(pending);
        flagsWritten = true;
        pending = NO_PENDING;
        known = CpuInternals.LAZY_NONE;
        knownBits = 0;
    }

    private void emitMaterialize(int what) {
        mv.visitVarInsn(ILOAD, EFL);
        iconst(~Flags.STATUS);
        mv.visitInsn(IAND);
        if (what == PENDING_MUL) {
            mv.visitVarInsn(ILOAD, P_V);
            mv.visitVarInsn(ILOAD, P_RES);
            mv.visitMethodInsn(INVOKESTATIC, CpuInternals.CPU, "multiplyFlags", "(ZI)I", false);
        } else {
            iconst(what - 1);
            mv.visitVarInsn(ILOAD, P_V);
            mv.visitVarInsn(ILOAD, P_C);
            mv.visitVarInsn(ILOAD, P_RES);
            mv.visitMethodInsn(INVOKESTATIC, CpuInternals.CPU, "shiftFlags", "(IIII)I", false);
        }
        mv.visitInsn(IOR);
        mv.visitVarInsn(ISTORE, EFL);
        iconst(CpuInternals.LAZY_NONE);
        mv.visitVarInsn(ISTORE, FOP);
    }

    // ------------------------------------------------------------------ exits

    /** Leaves for {@code next} with {@code k} instructions of this pass retired (pending flags computed first). */
    private void exitTo(int next, int k, boolean slow) {
        materialize();
        iconst(next);
        mv.visitVarInsn(ISTORE, NEXT);
        exitCommon(k, slow);
    }

    /**
     * Continues at the EIP on the stack after instruction {@code i} (ret, indirect jmp/call): inside the region if
     * it is the start of one of its segments or a return site after one of its calls (a lookup switch, the
     * indirect-jump cache of compiled code), else leaves for it.
     */
    private void exitDynamic(int i) {
        mv.visitVarInsn(ISTORE, NEXT);
        materialize();
        if (!dispatchTargets.isEmpty()) {
            int[] keys = dispatchTargets.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            Label[] cases = new Label[keys.length];
            Label outside = new Label();
            for (int c = 0; c < keys.length; c++) {
                Label l = new Label();
                cases[c] = l;
                int t = dispatchTargets.get(keys[c]);
                stubs.add(() -> {
                    mv.visitLabel(l);
                    internalJump(t, i);
                });
            }
            mv.visitVarInsn(ILOAD, NEXT);
            mv.visitLookupSwitchInsn(outside, keys, cases);
            mv.visitLabel(outside);
        }
        exitCommon(i + 1, false);
    }

    private void exitCommon(int k, boolean slow) {
        iconst(k);
        mv.visitVarInsn(ISTORE, K);
        iconst(slow ? 1 : 0);
        mv.visitVarInsn(ISTORE, SLOW);
        mv.visitJumpInsn(GOTO, exit);
    }

    /** A cold exit to the interpreter before instruction i, computing the flags pending at this point. */
    private Label slowExit(int i) {
        Label l = new Label();
        int pendingHere = pending;
        boolean carryHere = carryPending;
        int kindHere = carryKind;
        int bitsHere = carryBits;
        int address = insns.get(i).address();
        stubs.add(() -> {
            mv.visitLabel(l);
            if (carryHere) {
                emitCarryFold(C_OP, kindHere, bitsHere);
            }
            if (pendingHere != NO_PENDING) {
                emitMaterialize(pendingHere);
            }
            iconst(address);
            mv.visitVarInsn(ISTORE, NEXT);
            exitCommon(i, true);
        });
        return l;
    }

    private void emitExit() {
        mv.visitLabel(exit);
        for (int n = 0; n < 8; n++) {
            if ((writtenRegs & 1 << n) != 0) {
                mv.visitVarInsn(ALOAD, STATE);
                iconst(n);
                mv.visitVarInsn(ILOAD, REG0 + n);
                mv.visitInsn(IASTORE);
            }
        }
        if (flagsWritten) {
            for (int i = 0; i < 5; i++) {
                mv.visitVarInsn(ALOAD, STATE);
                iconst(CompiledTrace.FLAG_OP + i);
                mv.visitVarInsn(ILOAD, FOP + i);
                mv.visitInsn(IASTORE);
            }
        }
        mv.visitVarInsn(ALOAD, STATE);
        iconst(CompiledTrace.RETIRED);
        mv.visitVarInsn(ILOAD, DONE);
        mv.visitVarInsn(ILOAD, K);
        mv.visitInsn(IADD);
        mv.visitInsn(IASTORE);
        mv.visitVarInsn(ALOAD, STATE);
        iconst(CompiledTrace.SCRATCH);
        mv.visitVarInsn(ILOAD, SLOW);
        mv.visitInsn(IASTORE);
        mv.visitVarInsn(ILOAD, NEXT);
        mv.visitInsn(IRETURN);
    }

    // ------------------------------------------------------------------ operands and memory

    private void iconst(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void loadReg(int n) {
        mv.visitVarInsn(ILOAD, REG0 + n);
    }

    private void storeReg(int n) {
        mv.visitVarInsn(ISTORE, REG0 + n);
        writtenRegs |= 1 << n;
    }

    /** A byte register (0..3 = al..bl, 4..7 = ah..bh), zero-extended. */
    private void loadByteReg(int n) {
        loadReg(n & 3);
        if (n >= 4) {
            iconst(8);
            mv.visitInsn(IUSHR);
        }
        iconst(0xFF);
        mv.visitInsn(IAND);
    }

    /** Stores the low byte of the int on the stack into byte register n. */
    private void storeByteReg(int n) {
        int shift = (n & 4) << 1;
        iconst(0xFF);
        mv.visitInsn(IAND);
        if (shift != 0) {
            iconst(shift);
            mv.visitInsn(ISHL);
        }
        loadReg(n & 3);
        iconst(~(0xFF << shift));
        mv.visitInsn(IAND);
        mv.visitInsn(IOR);
        storeReg(n & 3);
    }

    /** disp + base + (index << scale) on the stack. */
    private void ea(DecodedInstruction d) {
        iconst(d.displacement());
        if (d.base() >= 0) {
            loadReg(d.base());
            mv.visitInsn(IADD);
        }
        if (d.index() >= 0) {
            loadReg(d.index());
            if (d.scale() != 0) {
                iconst(d.scale());
                mv.visitInsn(ISHL);
            }
            mv.visitInsn(IADD);
        }
    }

    /** pageLocal = the directly accessible page of [addr, addr + size), or a jump to {@code slow}. */
    private void page(int addrLocal, int pageLocal, int size, boolean write, Label slow) {
        mv.visitVarInsn(ALOAD, MEM);
        mv.visitVarInsn(ILOAD, addrLocal);
        iconst(size);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, write ? "directWritable" : "directReadable", "(II)[B", false);
        mv.visitVarInsn(ASTORE, pageLocal);
        mv.visitVarInsn(ALOAD, pageLocal);
        mv.visitJumpInsn(IFNULL, slow);
    }

    private void offset(int addrLocal) {
        mv.visitVarInsn(ILOAD, addrLocal);
        iconst(0xFFF);
        mv.visitInsn(IAND);
    }

    private void read(int pageLocal, int addrLocal, int size, boolean signed) {
        mv.visitVarInsn(ALOAD, pageLocal);
        offset(addrLocal);
        if (size == 4) {
            mv.visitMethodInsn(INVOKESTATIC, ACCESS, "get32", "([BI)I", false);
        } else if (size == 2) {
            mv.visitMethodInsn(INVOKESTATIC, ACCESS, "get16", "([BI)I", false);
            if (!signed) {
                iconst(0xFFFF);
                mv.visitInsn(IAND);
            }
        } else {
            mv.visitInsn(BALOAD);
            if (!signed) {
                iconst(0xFF);
                mv.visitInsn(IAND);
            }
        }
    }

    /**
     * A register, immediate or (checked, in PAGE/ADDR) memory operand of {@code size} bytes on the stack, as the
     * interpreter's {@code load} gives it: registers and memory zero-extended, immediates as decoded.
     */
    private void loadSized(Operand o, int size) {
        switch (o.kind()) {
            case REGISTER -> {
                if (size == 4) {
                    loadReg(o.register());
                } else if (size == 2) {
                    loadReg(o.register());
                    iconst(0xFFFF);
                    mv.visitInsn(IAND);
                } else {
                    loadByteReg(o.register());
                }
            }
            case MEMORY -> read(PAGE, ADDR, size, size == 4);
            default -> iconst(o.value());
        }
    }

    /** Stores local {@code value} into a register or (checked writable, in PAGE/ADDR) memory operand. */
    private void storeSized(Operand o, int size, int value) {
        if (isMem(o)) {
            mv.visitVarInsn(ALOAD, PAGE);
            offset(ADDR);
            mv.visitVarInsn(ILOAD, value);
            if (size == 4) {
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "set32", "([BII)V", false);
            } else if (size == 2) {
                mv.visitMethodInsn(INVOKESTATIC, ACCESS, "set16", "([BII)V", false);
            } else {
                mv.visitInsn(BASTORE);
            }
            return;
        }
        int r = o.register();
        if (size == 4) {
            mv.visitVarInsn(ILOAD, value);
            storeReg(r);
        } else if (size == 2) {
            mv.visitVarInsn(ILOAD, value);
            iconst(0xFFFF);
            mv.visitInsn(IAND);
            loadReg(r);
            iconst(0xFFFF_0000);
            mv.visitInsn(IAND);
            mv.visitInsn(IOR);
            storeReg(r);
        } else {
            mv.visitVarInsn(ILOAD, value);
            storeByteReg(r);
        }
    }

    /** A 32-bit register, immediate or (checked, in PAGE/ADDR) memory operand. */
    private void load32(Operand o) {
        switch (o.kind()) {
            case REGISTER -> loadReg(o.register());
            case MEMORY -> read(PAGE, ADDR, 4, true);
            default -> iconst(o.value());
        }
    }
}
