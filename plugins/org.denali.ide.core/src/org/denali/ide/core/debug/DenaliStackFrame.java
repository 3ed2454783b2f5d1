package org.denali.ide.core.debug;

import java.util.Optional;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;

import org.denali.emulator.dwarf.LineRow;
import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbFrame;
import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.gdb.GdbVariable;

/**
 * One call frame of a VM: its code address, function and source line, and its variables. With gdb (the usual
 * case, {@link GdbFrame}) the frame, its function and line are gdb's (CFI unwinding, -O2 and SDK code included) and
 * the variables are gdb variable objects of this frame. Without gdb the frame comes from frame-pointer unwinding
 * with the ELF symbols and the DWARF line table; for a caller frame the line is looked up at the address before
 * the return address, so the frame shows the line of the call. The register groups are the VM's current registers
 * (frame 0's).
 */
public final class DenaliStackFrame extends DenaliDebugElement implements ExpressionFrame, ThreadRunControlFrame {
    private final DenaliThread thread;
    private final int depth;
    private final FrameUnwinder.Frame frame;
    private final Optional<LineRow> line;
    private final GdbFrame gdbFrame;
    private IVariable[] variables;

    DenaliStackFrame(DenaliThread thread, int depth, FrameUnwinder.Frame frame) {
        this(thread, depth, frame, null);
    }

    DenaliStackFrame(DenaliThread thread, int depth, FrameUnwinder.Frame frame, GdbFrame gdbFrame) {
        super(thread.denaliTarget());
        this.thread = thread;
        this.depth = depth;
        this.frame = frame;
        this.gdbFrame = gdbFrame;
        this.line = gdbFrame != null ? Optional.empty()
                : thread.denaliTarget().symbols().lineAt(depth == 0 ? frame.pc() : frame.pc() - 1);
    }

    /** gdb's frame, or null when the frame comes from frame-pointer unwinding (gdb unavailable). */
    public GdbFrame gdbFrame() {
        return gdbFrame;
    }

    /** gdb, showing this frame's VM at this stop. */
    public GdbInspector inspector() throws DebugException {
        return thread.denaliTarget().inspector(thread);
    }

    /** Evaluates any C expression gdb accepts in this frame: a variable object (Expressions view, hover). */
    @Override
    public DenaliVariable expression(String expression) throws DebugException {
        try {
            return new DenaliVariable(this, inspector().expression(expression, depth));
        } catch (GdbException e) {
            throw failure(e.getMessage(), null);
        }
    }

    public int depth() {
        return depth;
    }

    /** The stopped instruction (frame 0) or the return address (callers). */
    public int pc() {
        return frame.pc();
    }

    FrameUnwinder.Frame frame() {
        return frame;
    }

    public int stackPointer() {
        return frame.sp();
    }

    /** The source file as the DWARF line table records it (an absolute path for SDK builds), or null. */
    public String sourcePath() {
        if (gdbFrame != null) {
            return gdbFrame.fullName();
        }
        return line.map(LineRow::file).orElse(null);
    }

    public String functionName() {
        if (gdbFrame != null) {
            return gdbFrame.function();
        }
        return thread.denaliTarget().symbols().functionAt(depth == 0 ? frame.pc() : frame.pc() - 1)
                .map(s -> s.name()).orElse(null);
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    public DenaliThread denaliThread() {
        return thread;
    }

    /** Arguments, then locals, as gdb lists them for this frame; listed once per stop. */
    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (!thread.isSuspended()) {
            return new IVariable[0];
        }
        if (variables == null && !hasVariables()) {
            variables = new IVariable[0];
        }
        if (variables == null) {
            try {
                java.util.List<GdbVariable> listed = inspector().variables(depth);
                variables = listed.stream().map(v -> new DenaliVariable(this, v)).toArray(IVariable[]::new);
            } catch (GdbException e) {
                throw failure("gdb cannot list the variables of " + getName(), e);
            }
        }
        return variables.clone();
    }

    @Override
    public boolean hasVariables() {
        // gdb names code without a symbol "??" (a call through NULL): it has no scope to list
        return gdbFrame != null && gdbFrame.function() != null && !gdbFrame.function().equals("??")
                && thread.isSuspended();
    }

    @Override
    public int getLineNumber() {
        if (depth == 0) {
            int clicked = lineOfBreakpointHit();
            if (clicked > 0) {
                return clicked;
            }
        }
        if (gdbFrame != null) {
            return gdbFrame.line();
        }
        return line.map(LineRow::line).orElse(-1);
    }

    /**
     * A stop at a line breakpoint shows the line the user put it on, when the line table has a statement of that
     * line at this pc: several lines can start at one address (at -O2 {@code sum += queue[head];} and a later
     * line), and gdb names the last of them for the pc, which made a breakpoint on one line "stop at" another.
     * -1 when the stop is not such a breakpoint hit.
     */
    private int lineOfBreakpointHit() {
        String path = sourcePath();
        if (path == null) {
            return -1;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (org.eclipse.debug.core.model.IBreakpoint b : thread.getBreakpoints()) {
            if (b instanceof DenaliLineBreakpoint lineBreakpoint && b.getMarker() != null
                    && name.equals(b.getMarker().getResource().getName())) {
                try {
                    int clicked = lineBreakpoint.getLineNumber();
                    if (BreakpointInstaller.addressesFor(thread.denaliTarget().symbols(), b.getMarker().getResource(),
                            clicked).contains(Integer.toUnsignedLong(frame.pc()))) {
                        return clicked;
                    }
                } catch (org.eclipse.core.runtime.CoreException e) {
                    // a deleted marker: the frame's own line
                }
            }
        }
        return -1;
    }

    @Override
    public int getCharStart() {
        return -1;
    }

    @Override
    public int getCharEnd() {
        return -1;
    }

    @Override
    public String getName() {
        String function = functionName();
        String where = function != null ? function + "()" : "??";
        String file = sourcePath();
        if (file != null) {
            where += " at " + file.substring(file.lastIndexOf('/') + 1) + ":" + getLineNumber();
        }
        return where + String.format(" 0x%08x", frame.pc());
    }

    @Override
    public IRegisterGroup[] getRegisterGroups() throws DebugException {
        return thread.registerGroups();
    }

    @Override
    public boolean hasRegisterGroups() {
        return true;
    }

    /** Frames are equal when they are the same depth of the same thread at the same stop location. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DenaliStackFrame f && f.thread == thread && f.depth == depth && f.frame.equals(frame);
    }

    @Override
    public int hashCode() {
        return thread.hashCode() * 31 + depth * 7 + frame.hashCode();
    }
}
