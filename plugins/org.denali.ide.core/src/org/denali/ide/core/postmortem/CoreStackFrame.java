package org.denali.ide.core.postmortem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IVariable;

import org.denali.ide.core.debug.DenaliDebugModel;
import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbFrame;
import org.denali.ide.core.gdb.GdbVariable;

/** One of gdb's frames of the core: its function and line, its arguments and locals, the registers. */
public final class CoreStackFrame extends DebugElement implements IStackFrame {
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

    /** The registers gdb reads from the core (NT_PRSTATUS) for the innermost frame, unwound for callers. */
    @Override
    public synchronized IRegisterGroup[] getRegisterGroups() throws DebugException {
        if (registerGroups == null) {
            try {
                coreTarget().gdb().console("frame " + frame.level());
                Map<String, String> all = coreTarget().gdb().registers();
                Map<String, String> general = new LinkedHashMap<>();
                for (String name : List.of("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags",
                        "cs", "ss", "ds", "es", "fs", "gs")) {
                    if (all.containsKey(name)) {
                        general.put(name, all.get(name));
                    }
                }
                registerGroups = new IRegisterGroup[] {new CoreRegisterGroup(this, "General", general)};
            } catch (GdbException e) {
                throw failure("gdb cannot read the registers of " + getName(), e);
            }
        }
        return registerGroups.clone();
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

    // no run control on a core
    @Override
    public boolean canStepInto() {
        return false;
    }

    @Override
    public boolean canStepOver() {
        return false;
    }

    @Override
    public boolean canStepReturn() {
        return false;
    }

    @Override
    public boolean isStepping() {
        return false;
    }

    @Override
    public void stepInto() {
    }

    @Override
    public void stepOver() {
    }

    @Override
    public void stepReturn() {
    }

    @Override
    public boolean canResume() {
        return false;
    }

    @Override
    public boolean canSuspend() {
        return false;
    }

    @Override
    public boolean isSuspended() {
        return !isTerminated();
    }

    @Override
    public void resume() {
    }

    @Override
    public void suspend() {
    }

    @Override
    public boolean canTerminate() {
        return thread.canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return thread.isTerminated();
    }

    @Override
    public void terminate() {
        thread.terminate();
    }
}
