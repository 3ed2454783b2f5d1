package org.denali.ide.core.postmortem;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IThread;

import org.denali.ide.core.debug.DenaliDebugModel;
import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbFrame;

/** The VM a core holds, suspended forever at the instruction it was saved at; its frames are gdb's. It has no run
 * control, and its frames ask it for theirs. */
public final class CoreThread extends DebugElement implements IThread {
    private List<CoreStackFrame> frames;

    CoreThread(CoreDebugTarget target) {
        super(target);
    }

    CoreDebugTarget coreTarget() {
        return (CoreDebugTarget) getDebugTarget();
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    @Override
    public synchronized IStackFrame[] getStackFrames() throws DebugException {
        if (isTerminated()) {
            return new IStackFrame[0];
        }
        if (frames == null) {
            try {
                List<CoreStackFrame> list = new ArrayList<>();
                for (GdbFrame f : coreTarget().gdb().frames()) {
                    list.add(new CoreStackFrame(this, f));
                }
                frames = list;
            } catch (GdbException e) {
                throw new DebugException(org.eclipse.core.runtime.Status.error(
                        "gdb cannot list the frames of the core: " + e.getMessage(), e));
            }
        }
        return frames.toArray(new IStackFrame[0]);
    }

    @Override
    public boolean hasStackFrames() {
        return !isTerminated();
    }

    @Override
    public int getPriority() {
        return 0;
    }

    @Override
    public IStackFrame getTopStackFrame() throws DebugException {
        IStackFrame[] all = getStackFrames();
        return all.length == 0 ? null : all[0];
    }

    @Override
    public String getName() {
        return "VM (core " + coreTarget().core().getFileName() + ")";
    }

    @Override
    public IBreakpoint[] getBreakpoints() {
        return new IBreakpoint[0];
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
    public boolean canTerminate() {
        return coreTarget().canTerminate();
    }

    @Override
    public boolean isTerminated() {
        return coreTarget().isTerminated();
    }

    @Override
    public void terminate() {
        coreTarget().terminate();
    }
}
