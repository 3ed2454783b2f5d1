package org.denali.ide.core.postmortem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;

import org.denali.emulator.debug.core.DenaliNote;
import org.denali.ide.core.debug.DenaliDebugModel;
import org.denali.ide.core.debug.EflagsBits;
import org.denali.ide.core.debug.ExpressionFrame;
import org.denali.ide.core.debug.RegisterGroupsBuilder;
import org.denali.ide.core.debug.ThreadRunControlFrame;
import org.denali.ide.core.debug.VirtualRegisterDecoder;
import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbFrame;
import org.denali.ide.core.gdb.GdbVariable;

/** One of gdb's frames of the core: its function and line, its arguments and locals, the registers. */
public final class CoreStackFrame extends DebugElement implements ExpressionFrame, ThreadRunControlFrame {
    private final CoreThread thread;
    private final GdbFrame frame;
    private IVariable[] variables;
    private IRegisterGroup[] registerGroups;

    CoreStackFrame(CoreThread thread, GdbFrame frame) {
        super(thread.getDebugTarget());
        this.thread = thread;
        this.frame = frame;
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    CoreDebugTarget coreTarget() {
        return thread.coreTarget();
    }

    public String functionName() {
        return frame.function();
    }

    /** The source file's absolute path as gdb knows it, or null. */
    public String sourcePath() {
        return frame.fullName();
    }

    public int pc() {
        return frame.pc();
    }

    public int depth() {
        return frame.level();
    }

    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (variables == null) {
            if (!hasVariables()) {
                variables = new IVariable[0];
            } else {
                try {
                    List<GdbVariable> listed = coreTarget().gdb().variables(frame.level());
                    variables = listed.stream().map(v -> new CoreVariable(this, v)).toArray(IVariable[]::new);
                } catch (GdbException e) {
                    throw failure("gdb cannot list the variables of " + getName(), e);
                }
            }
        }
        return variables.clone();
    }

    @Override
    public boolean hasVariables() {
        return frame.function() != null && !frame.function().equals("??") && !isTerminated();
    }

    /** Any C expression gdb accepts in this frame, read from the core (Expressions view, hover); read-only. */
    @Override
    public IVariable expression(String expression) throws DebugException {
        try {
            return new CoreVariable(this, coreTarget().gdb().expression(expression, frame.level()));
        } catch (GdbException e) {
            throw failure(e.getMessage(), null);
        }
    }

    /**
     * The groups a live VM shows: General as gdb reads it from the core (NT_PRSTATUS) for the innermost frame,
     * unwound for callers; EFLAGS and its flags; the Denali virtual registers of the core's DENALI note (the VM's,
     * not a frame's), decoded as in a live session.
     */
    @Override
    public synchronized IRegisterGroup[] getRegisterGroups() throws DebugException {
        if (registerGroups == null) {
            Map<String, String> general = generalRegisters();
            List<IRegisterGroup> groups = new ArrayList<>();
            groups.add(new CoreRegisterGroup(this, RegisterGroupsBuilder.GENERAL, general));
            if (general.containsKey("eflags")) {
                groups.add(eflagsGroup(Long.decode(general.get("eflags"))));
            }
            DenaliNote.Contents note = coreTarget().denaliNote().orElse(null);
            if (note != null) {
                groups.add(virtualRegisterGroup(note));
            }
            registerGroups = groups.toArray(IRegisterGroup[]::new);
        }
        return registerGroups.clone();
    }

    private Map<String, String> generalRegisters() throws DebugException {
        try {
            coreTarget().gdb().console("frame " + frame.level());
            Map<String, String> all = coreTarget().gdb().registers();
            Map<String, String> general = new LinkedHashMap<>();
            for (String name : List.of("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags", "cs",
                    "ss", "ds", "es", "fs", "gs")) {
                if (all.containsKey(name)) {
                    general.put(name, all.get(name));
                }
            }
            return general;
        } catch (GdbException e) {
            throw failure("gdb cannot read the registers of " + getName(), e);
        }
    }

    private IRegisterGroup eflagsGroup(long eflags) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("eflags", VirtualRegisterDecoder.hex(eflags) + " " + EflagsBits.setFlags(eflags));
        EflagsBits.values(eflags).forEach((name, bit) -> flags.put(name, Long.toString(bit)));
        return new CoreRegisterGroup(this, RegisterGroupsBuilder.EFLAGS, flags);
    }

    private IRegisterGroup virtualRegisterGroup(DenaliNote.Contents note) throws DebugException {
        VirtualRegisterDecoder decoder = coreTarget().registerDecoder();
        Map<String, String> virtual = new LinkedHashMap<>();
        note.registers().forEach((name, value) -> virtual.put(name, decoder.describe(name, value)));
        return new CoreRegisterGroup(this, RegisterGroupsBuilder.VIRTUAL, virtual);
    }

    @Override
    public boolean hasRegisterGroups() {
        return !isTerminated();
    }

    @Override
    public IThread getThread() {
        return thread;
    }

    @Override
    public int getLineNumber() {
        return frame.line();
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
        String where = (frame.function() != null ? frame.function() : "??") + "()";
        if (frame.fullName() != null) {
            where += " at " + frame.fullName().substring(frame.fullName().lastIndexOf('/') + 1) + ":" + frame.line();
        }
        return where + String.format(" 0x%08x", frame.pc());
    }

    static DebugException failure(String message, Throwable cause) {
        return new DebugException(Status.error(message + (cause != null ? ": " + cause.getMessage() : ""), cause));
    }
}
