package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.denali.emulator.dwarf.LineRow;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.ide.core.rsp.I386Registers;
import org.denali.ide.core.rsp.StopReply;

/**
 * The policy of stepping backwards through a recorded run, built like gdb's {@code reverse-step},
 * {@code reverse-next} and {@code reverse-finish} from the stub's two reverse mechanisms: one instruction back
 * ({@code bs}) and running backwards to a temporary breakpoint ({@code bc}).
 * <ul>
 * <li>Step Back (reverse Step Into): instructions are stepped back until the VM is in another line, then on back
 * to the first instruction of that line (a statement start of the line table not preceded by a row of the same
 * line), where the line began executing.
 * Stepping back over a {@code ret} enters the callee's last line when it has lines, as gdb does.</li>
 * <li>Reverse Step Over: a callee met on the way back (a {@code ret} stepped back over) is run backwards as one
 * step, to its call instruction: a temporary breakpoint on the callee's entry, reverse-continued until the stack
 * pointer is the one the call pushed the return address at (recursion-safe), then one instruction back.</li>
 * <li>Reverse Step Return: the same from the current function's entry: the VM stops at the call instruction in
 * the caller, where gdb's {@code reverse-finish} stops.</li>
 * </ul>
 * Anything else that stops the VM (a breakpoint or watchpoint hit backwards, the start of the history, the user's
 * Suspend) ends the step there. The other way, seeking to remembered instruction counts, was not taken: it only
 * returns to stops the IDE saw, and a line's start between two of them is unknown without stepping
 * (docs/debugging.md, "Reverse debugging in the IDE").
 */
final class ReverseStepper {
    /** x86 call instructions are at most 7 bytes long. */
    private static final int MAX_CALL_LENGTH = 7;

    /** The reverse mechanisms, offered by the run control. */
    interface Mechanism extends SteppedVm {
        /** {@code bs}: one instruction of {@code vm} backwards. */
        StopReply stepBack(int vm) throws IOException;

        /** {@code bc}: the kernel backwards until a breakpoint, with a temporary one at {@code address}. */
        StopReply runBackTo(int vm, int address) throws IOException;
    }

    private final GuestSymbols symbols;
    private final Mechanism m;

    ReverseStepper(GuestSymbols symbols, Mechanism mechanism) {
        this.symbols = symbols;
        this.m = mechanism;
    }

    LineStepper.Outcome step(int vm, StepKind kind, boolean byInstruction, List<FrameUnwinder.Frame> frames)
            throws IOException {
        if (kind == StepKind.RETURN) {
            return stepReturn(vm, frames);
        }
        I386Registers regs = m.registers(vm);
        Optional<LineRow> start = symbols.lineAt(regs.eip());
        if (byInstruction || start.isEmpty()) {
            return instruction(vm, kind == StepKind.OVER, regs);
        }
        LineRow line = start.get();
        // From the middle of a line, like gdb, go back to the start of that line; from its start, to the previous.
        boolean leaving = isLineStart(regs.eip(), line);
        StopReply reply = null;
        for (int n = 0; n < LineStepper.MAX_INSTRUCTIONS_PER_LINE; n++) {
            int prevPc = regs.eip();
            int prevSp = regs.get(I386Registers.ESP);
            reply = m.stepBack(vm);
            if (!isStepOf(reply, vm)) {
                return new LineStepper.Outcome(reply, false);
            }
            regs = m.registers(vm);
            if (steppedBackIntoReturn(vm, prevPc, prevSp, regs)) {
                Optional<LineRow> callee = symbols.lineAt(regs.eip());
                if (kind == StepKind.OVER || callee.isEmpty()) {
                    reply = backToCall(vm, regs.eip(), prevSp);
                    if (!isStepOf(reply, vm)) {
                        return new LineStepper.Outcome(reply, false);
                    }
                    regs = m.registers(vm);
                } else {
                    // the callee's last line ran last: Step Back stops at its start
                    line = callee.get();
                    leaving = false;
                }
            }
            if (m.suspendRequested()) {
                return new LineStepper.Outcome(reply, true);
            }
            Optional<LineRow> row = symbols.lineAt(regs.eip());
            if (row.isEmpty()) {
                continue; // code without lines (returned back into it): keep going back to code with lines
            }
            if (leaving && !sameLine(row.get(), line)) {
                line = row.get();
                leaving = false;
            }
            if (!leaving && sameLine(row.get(), line) && isLineStart(regs.eip(), line)) {
                return new LineStepper.Outcome(reply, true);
            }
        }
        return new LineStepper.Outcome(reply, true);
    }

    /** One instruction back; "over" runs a callee whose {@code ret} it stepped back over back to its call. */
    private LineStepper.Outcome instruction(int vm, boolean over, I386Registers before) throws IOException {
        StopReply reply = m.stepBack(vm);
        if (over && isStepOf(reply, vm)) {
            I386Registers now = m.registers(vm);
            if (steppedBackIntoReturn(vm, before.eip(), before.get(I386Registers.ESP), now)) {
                StopReply back = backToCall(vm, now.eip(), before.get(I386Registers.ESP));
                return new LineStepper.Outcome(back, isStepOf(back, vm));
            }
        }
        return new LineStepper.Outcome(reply, isStepOf(reply, vm));
    }

    /** Back to the instruction that called the current function (gdb's {@code reverse-finish}). */
    private LineStepper.Outcome stepReturn(int vm, List<FrameUnwinder.Frame> frames) throws IOException {
        FrameUnwinder.Frame caller = frames.get(1);
        StopReply reply = backToCall(vm, frames.get(0).pc(), caller.sp());
        return new LineStepper.Outcome(reply, isStepOf(reply, vm));
    }

    /**
     * From anywhere in the function containing {@code pcInCallee}, back to the call instruction that entered it:
     * reverse-continue to the function's entry until the stack pointer there is {@code spAfterReturn - 4} (the
     * return address just pushed; a recursive call's entry deeper down does not count), then one instruction back.
     * Without a symbol for the function, instructions are stepped back until the stack is {@code spAfterReturn}
     * again just before the return address. Returns the reply of the last step (a STEP of {@code vm} on success).
     */
    private StopReply backToCall(int vm, int pcInCallee, int spAfterReturn) throws IOException {
        Optional<ElfSymbol> function = symbols.functionAt(pcInCallee);
        if (function.isPresent()) {
            int entry = (int) function.get().value();
            I386Registers regs = m.registers(vm);
            boolean atEntry = regs.eip() == entry && regs.get(I386Registers.ESP) == spAfterReturn - 4;
            while (!atEntry) {
                StopReply reply = m.runBackTo(vm, entry);
                if (!isTemporaryStop(reply, vm, entry)) {
                    return reply;
                }
                atEntry = m.registers(vm).get(I386Registers.ESP) == spAfterReturn - 4;
                if (m.suspendRequested()) {
                    return reply;
                }
            }
            return m.stepBack(vm);
        }
        StopReply reply = null;
        for (int n = 0; n < LineStepper.MAX_INSTRUCTIONS_PER_LINE; n++) {
            reply = m.stepBack(vm);
            if (!isStepOf(reply, vm) || m.suspendRequested()
                    || m.registers(vm).get(I386Registers.ESP) == spAfterReturn) {
                return reply;
            }
        }
        return reply;
    }

    /**
     * True if the instruction just stepped back over was a {@code ret} to {@code prevPc}: the stack pointer is 4
     * lower and the word it points to is that return address, and the VM is now somewhere else (the callee).
     */
    private boolean steppedBackIntoReturn(int vm, int prevPc, int prevSp, I386Registers now) throws IOException {
        int sp = now.get(I386Registers.ESP);
        if (sp != prevSp - 4 || now.eip() == prevPc) {
            return false;
        }
        if (m.readInt(vm, sp) != prevPc) {
            return false;
        }
        // a push of the next instruction's address would look the same; a ret leaves the callee's code behind
        int distance = prevPc - now.eip();
        return distance <= 0 || distance > MAX_CALL_LENGTH;
    }

    private boolean isTemporaryStop(StopReply reply, int vm, int address) throws IOException {
        return reply != null && reply.reason() == StopReply.Reason.BREAKPOINT && reply.thread() == vm
                && m.registers(vm).eip() == address;
    }

    /**
     * True if {@code pc} is where {@code line} begins executing: a statement start whose preceding bytes belong to
     * another line. A line the compiler split into several rows (the code after a call has a row of its own, at the
     * same line) begins at the first of them, where a forward step to it stopped.
     */
    private boolean isLineStart(int pc, LineRow line) {
        if (!symbols.isStatementStart(pc)) {
            return false;
        }
        Optional<LineRow> before = symbols.lineAt(pc - 1);
        return before.isEmpty() || !sameLine(before.get(), line);
    }

    private static boolean sameLine(LineRow a, LineRow b) {
        return a.line() == b.line() && a.file().equals(b.file());
    }

    /** A step of {@code vm} (a reply that names no thread is the stepped one's: only it moved). */
    private static boolean isStepOf(StopReply reply, int vm) {
        return reply != null && reply.reason() == StopReply.Reason.STEP && (reply.thread() == vm || reply.thread() < 0);
    }
}
