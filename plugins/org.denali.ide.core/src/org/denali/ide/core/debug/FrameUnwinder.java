package org.denali.ide.core.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.denali.emulator.elf.ElfSymbol;

/**
 * Call frames by frame-pointer unwinding, the way the guest's code lays them out: a function compiled with a frame
 * pointer starts with {@code push %ebp; mov %esp,%ebp}, so in its body the return address is at {@code 4(%ebp)} and
 * the caller's {@code %ebp} at {@code 0(%ebp)}. The innermost frame may be stopped before that prologue has run
 * (at the first or second instruction) or on the final {@code ret}; those cases read the stack pointer instead.
 * Unwinding stops at {@code %ebp == 0} (crt0 clears it), at a return address outside the image's code, at a frame
 * pointer that does not move up the stack, or at a function built without a frame pointer (the default at -O2: its
 * frame size is unknown without DWARF CFI, which this unwinder does not read).
 */
public final class FrameUnwinder {
    /** A limit against corrupt stacks that happen to form a cycle-free but endless chain. */
    static final int MAX_FRAMES = 64;
    private static final int PUSH_EBP = 0x55;
    private static final int RET = 0xc3;

    /** Guest memory as the unwinder needs it: 4-byte little-endian words and a few code bytes. */
    public interface Memory {
        byte[] read(int address, int length) throws IOException;

        default int readInt(int address) throws IOException {
            byte[] b = read(address, 4);
            return (b[0] & 0xFF) | (b[1] & 0xFF) << 8 | (b[2] & 0xFF) << 16 | (b[3] & 0xFF) << 24;
        }
    }

    /**
     * One frame: {@code pc} is the stopped instruction (frame 0) or the return address (callers); {@code sp} the
     * stack pointer the frame had at that point (for a caller: just after the call returned).
     */
    public record Frame(int pc, int sp, int fp) {
    }

    private final GuestSymbols symbols;

    public FrameUnwinder(GuestSymbols symbols) {
        this.symbols = symbols;
    }

    /** Frames from the innermost out; at least the innermost one. */
    public List<Frame> unwind(int eip, int esp, int ebp, Memory memory) {
        List<Frame> frames = new ArrayList<>();
        Frame frame = new Frame(eip, esp, ebp);
        frames.add(frame);
        try {
            Frame caller = callerOfInnermost(frame, memory);
            while (caller != null && frames.size() < MAX_FRAMES) {
                frames.add(caller);
                caller = callerOfBody(caller, memory);
            }
        } catch (IOException e) {
            // Unreadable stack memory ends the backtrace where it is; the frames so far are still right.
        }
        return frames;
    }

    private Frame callerOfInnermost(Frame f, Memory memory) throws IOException {
        if ((memory.read(f.pc(), 1)[0] & 0xFF) == RET) {
            return validated(memory.readInt(f.sp()), f.sp() + 4, f.fp(), f);
        }
        Optional<ElfSymbol> function = symbols.functionAt(f.pc());
        if (function.isEmpty()) {
            return null;
        }
        int start = (int) function.get().value();
        if (f.pc() == start) {
            return validated(memory.readInt(f.sp()), f.sp() + 4, f.fp(), f);
        }
        if (!hasFramePointer(start, memory)) {
            return null;
        }
        if (f.pc() == start + 1) { // after push %ebp, before mov %esp,%ebp
            return validated(memory.readInt(f.sp() + 4), f.sp() + 8, memory.readInt(f.sp()), f);
        }
        return fromFramePointer(f, memory);
    }

    private Frame callerOfBody(Frame f, Memory memory) throws IOException {
        Optional<ElfSymbol> function = symbols.functionAt(f.pc() - 1);
        if (f.fp() == 0 || function.isEmpty() || !hasFramePointer((int) function.get().value(), memory)) {
            return null;
        }
        return fromFramePointer(f, memory);
    }

    private Frame fromFramePointer(Frame f, Memory memory) throws IOException {
        int fp = f.fp();
        if (fp == 0 || Integer.compareUnsigned(fp, f.sp()) < 0) {
            return null;
        }
        return validated(memory.readInt(fp + 4), fp + 8, memory.readInt(fp), f);
    }

    /** A caller frame only if its return address is code and the stack moved up (no loops, no garbage). */
    private Frame validated(int returnAddress, int sp, int fp, Frame callee) {
        if (!symbols.isCode(returnAddress) || Integer.compareUnsigned(sp, callee.sp()) <= 0) {
            return null;
        }
        return new Frame(returnAddress, sp, fp);
    }

    private static boolean hasFramePointer(int functionStart, Memory memory) throws IOException {
        byte[] prologue = memory.read(functionStart, 3);
        // push %ebp; mov %esp,%ebp is 55 89 e5 (or 55 8b ec, the other encoding of the same mov)
        return (prologue[0] & 0xFF) == PUSH_EBP && ((prologue[1] & 0xFF) == 0x89 && (prologue[2] & 0xFF) == 0xe5
                || (prologue[1] & 0xFF) == 0x8b && (prologue[2] & 0xFF) == 0xec);
    }
}
