package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.denali.emulator.dwarf.LineRow;
import org.denali.ide.core.rsp.I386Registers;
import org.denali.ide.core.rsp.StopReply;

/**
 * The policy of stepping, built from the stub's two mechanisms: one instruction of one VM ({@code vCont;s:N}) and
 * running one VM to a temporary breakpoint ({@code vCont;c:N}). By line (gdb's {@code step}/{@code next}/
 * {@code finish}): instructions are stepped until the VM reaches the first instruction of another line (or the
 * start of the same line again, a loop); Step Over runs a call to its return address instead of stepping into it,
 * and Step Into does the same for calls into code without line information. A call is recognised after the fact:
 * the stack pointer dropped by 4 and the word it points to is a return address just after the previous
 * instruction. Anything else that stops the VM (a breakpoint, a watchpoint, a fault, the user's Suspend) ends
 * the step there.
 */
final class LineStepper {
    /** A line that never ends (a tight loop on one line) stops after this many instructions. */
    static final int MAX_INSTRUCTIONS_PER_LINE = 200_000;
    /** x86 call instructions are at most 7 bytes long (call with a 32-bit displacement is 5, indirect up to 7). */
    private static final int MAX_CALL_LENGTH = 7;

    /** The two mechanisms, offered by the run control. */
    interface Mechanism extends SteppedVm {
        StopReply stepInstruction(int vm) throws IOException;

        /** Runs {@code vm} alone until it stops; with a temporary breakpoint at {@code address}. */
        StopReply runTo(int vm, int address) throws IOException;

        /**
         * The hulls {@code [start, end)} of the function blocks containing {@code pc}, innermost first (an inlined
         * function's block before its caller's); a single block, or none, when nothing is inlined there or no
         * symbol engine can tell.
         */
        default List<long[]> functionBlocks(int pc) {
            return List.of();
        }
    }

    record Outcome(StopReply reply, boolean completed) {
    }

    private final GuestSymbols symbols;
    private final Mechanism m;
    /** Inline depth by pc, asked of the symbol engine once per pc of this step. */
    private final java.util.Map<Integer, Integer> depths = new java.util.HashMap<>();

    LineStepper(GuestSymbols symbols, Mechanism mechanism) {
        this.symbols = symbols;
        this.m = mechanism;
    }

    Outcome step(int vm, StepKind kind, boolean byInstruction, List<FrameUnwinder.Frame> frames) throws IOException {
        if (kind == StepKind.RETURN) {
            return stepReturn(vm, frames);
        }
        I386Registers regs = m.registers(vm);
        Optional<LineRow> start = symbols.lineAt(regs.eip());
        if (byInstruction || start.isEmpty()) {
            return instruction(vm, kind == StepKind.OVER, regs);
        }
        LineRow line = start.get();
        int startSp = regs.get(I386Registers.ESP);
        // Like gdb's next, Step Over treats an inlined call as a call: lines of a function inlined deeper than
        // the start are stepped through, not stopped at (Step Into stops there: it enters the inlined frame).
        int startDepth = kind == StepKind.OVER ? inlineDepth(regs.eip()) : 0;
        StopReply reply = null;
        for (int n = 0; n < MAX_INSTRUCTIONS_PER_LINE; n++) {
            int prevPc = regs.eip();
            int prevSp = regs.get(I386Registers.ESP);
            reply = m.stepInstruction(vm);
            if (!isStepOf(reply, vm)) {
                return new Outcome(reply, false);
            }
            regs = m.registers(vm);
            int returnAddress = calledFrom(vm, prevPc, prevSp, regs);
            Optional<LineRow> entered = returnAddress != 0 ? symbols.lineAt(regs.eip()) : Optional.empty();
            if (returnAddress != 0 && (kind == StepKind.OVER || entered.isEmpty())) {
                reply = runToReturn(vm, returnAddress, prevSp);
                if (reply == null || !isStepOf(reply, vm) && !isTemporaryStop(reply, vm, returnAddress)) {
                    return new Outcome(reply, false);
                }
                regs = m.registers(vm);
            } else if (returnAddress != 0) {
                // Stepped into a function with lines: its first line is the prologue ("{"); like gdb, go on to
                // the first line of its body.
                line = entered.get();
                startSp = regs.get(I386Registers.ESP);
                continue;
            }
            if (m.suspendRequested()) {
                return new Outcome(reply, true);
            }
            if (isNewLine(regs, line, startSp)
                    && (kind != StepKind.OVER || inlineDepth(regs.eip()) <= startDepth)) {
                return new Outcome(reply, true);
            }
        }
        return new Outcome(reply, true);
    }

    /** One instruction; "over" runs a call to its return. */
    private Outcome instruction(int vm, boolean over, I386Registers before) throws IOException {
        StopReply reply = m.stepInstruction(vm);
        if (over && isStepOf(reply, vm)) {
            int returnAddress = calledFrom(vm, before.eip(), before.get(I386Registers.ESP), m.registers(vm));
            if (returnAddress != 0) {
                StopReply back = runToReturn(vm, returnAddress, before.get(I386Registers.ESP));
                return new Outcome(back, back != null && isTemporaryStop(back, vm, returnAddress));
            }
        }
        return new Outcome(reply, isStepOf(reply, vm));
    }

    private Outcome stepReturn(int vm, List<FrameUnwinder.Frame> frames) throws IOException {
        I386Registers regs = m.registers(vm);
        List<long[]> blocks = m.functionBlocks(regs.eip());
        if (blocks.size() > 1) {
            return stepOutOfInline(vm, regs, blocks.get(0));
        }
        FrameUnwinder.Frame caller = frames.get(1);
        StopReply reply = runToReturn(vm, caller.pc(), caller.sp());
        return new Outcome(reply, reply != null && isTemporaryStop(reply, vm, caller.pc()));
    }

    /**
     * Step Return from an inlined function (gdb's "step out of inlined function"): it has no return address of its
     * own, so the VM steps (running calls to their return) until its pc leaves the inlined block's range.
     */
    private Outcome stepOutOfInline(int vm, I386Registers regs, long[] block) throws IOException {
        StopReply reply = null;
        for (int n = 0; n < MAX_INSTRUCTIONS_PER_LINE; n++) {
            int prevPc = regs.eip();
            int prevSp = regs.get(I386Registers.ESP);
            reply = m.stepInstruction(vm);
            if (!isStepOf(reply, vm)) {
                return new Outcome(reply, false);
            }
            regs = m.registers(vm);
            int returnAddress = calledFrom(vm, prevPc, prevSp, regs);
            if (returnAddress != 0) {
                reply = runToReturn(vm, returnAddress, prevSp);
                if (reply == null || !isTemporaryStop(reply, vm, returnAddress)) {
                    return new Outcome(reply, false);
                }
                regs = m.registers(vm);
            }
            long pc = Integer.toUnsignedLong(regs.eip());
            if (m.suspendRequested() || pc < block[0] || pc >= block[1]) {
                return new Outcome(reply, true);
            }
        }
        return new Outcome(reply, true);
    }

    private int inlineDepth(int pc) {
        return depths.computeIfAbsent(pc, at -> Math.max(0, m.functionBlocks(at).size() - 1));
    }

    /**
     * Runs to {@code returnAddress} until the VM gets there with its stack at or above {@code minSp} (a recursive
     * call reaching the same address deeper down does not count); null if the connection ended.
     */
    private StopReply runToReturn(int vm, int returnAddress, int minSp) throws IOException {
        while (true) {
            StopReply reply = m.runTo(vm, returnAddress);
            if (reply == null || !isTemporaryStop(reply, vm, returnAddress)) {
                return reply;
            }
            if (Integer.compareUnsigned(m.registers(vm).get(I386Registers.ESP), minSp) >= 0
                    || m.suspendRequested()) {
                return reply;
            }
        }
    }

    private boolean isTemporaryStop(StopReply reply, int vm, int address) throws IOException {
        return reply.reason() == StopReply.Reason.BREAKPOINT && reply.thread() == vm
                && m.registers(vm).eip() == address;
    }

    /** The return address if the instruction just stepped was a call, else 0. */
    private int calledFrom(int vm, int prevPc, int prevSp, I386Registers now) throws IOException {
        int sp = now.get(I386Registers.ESP);
        if (sp != prevSp - 4) {
            return 0;
        }
        int pushed = m.readInt(vm, sp);
        int length = pushed - prevPc;
        return length > 0 && length <= MAX_CALL_LENGTH && now.eip() != pushed ? pushed : 0;
    }

    /** At the first instruction of a line other than the start's (or of the start line again: a loop). */
    private boolean isNewLine(I386Registers regs, LineRow start, int startSp) {
        int pc = regs.eip();
        Optional<LineRow> row = symbols.lineAt(pc);
        if (row.isEmpty()) {
            // Left the code with line information: stop once we are back in a caller (returned), keep going in
            // a callee without lines (stepped into it; the call handling runs it to its return).
            return Integer.compareUnsigned(regs.get(I386Registers.ESP), startSp) > 0;
        }
        if (!symbols.isStatementStart(pc)) {
            return false;
        }
        LineRow now = row.get();
        return now.line() != start.line() || !now.file().equals(start.file()) || now.address() == start.address();
    }

    private static boolean isStepOf(StopReply reply, int vm) {
        return reply != null && reply.reason() == StopReply.Reason.STEP && reply.thread() == vm;
    }
}
