package org.denali.ide.core.debug.reverse;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.IRequest;
import org.eclipse.debug.core.commands.AbstractDebugCommand;
import org.eclipse.debug.core.commands.IEnabledStateRequest;

import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;

/**
 * One reverse command on the selected Denali VM, in the platform's debug command protocol (what Step Into and
 * Resume use): the Debug view asks whether it is enabled on every context and state change, and runs it off the
 * UI thread. Enabled only for a suspended VM of a kernel that records its run ({@link DenaliThread#canReverse}).
 */
abstract class ReverseCommand extends AbstractDebugCommand {
    /** What the command does to {@code thread} (it only queues the work on the run control). */
    abstract void run(DenaliThread thread) throws DebugException;

    @Override
    protected boolean isExecutable(Object[] targets, IProgressMonitor monitor, IEnabledStateRequest request) {
        if (targets.length != 1) {
            return false;
        }
        return targets[0] instanceof DenaliThread thread && thread.canReverse();
    }

    @Override
    protected void doExecute(Object[] targets, IProgressMonitor monitor, IRequest request) throws CoreException {
        for (Object target : targets) {
            if (target instanceof DenaliThread thread) {
                run(thread);
            }
        }
    }

    @Override
    protected Object getTarget(Object element) {
        if (element instanceof DenaliStackFrame frame) {
            return frame.denaliThread();
        }
        return element instanceof DenaliThread ? element : null;
    }

    static final class StepBack extends ReverseCommand implements IStepBackHandler {
        @Override
        void run(DenaliThread thread) throws DebugException {
            thread.stepBack();
        }
    }

    static final class StepOver extends ReverseCommand implements IReverseStepOverHandler {
        @Override
        void run(DenaliThread thread) throws DebugException {
            thread.reverseStepOver();
        }
    }

    static final class StepReturn extends ReverseCommand implements IReverseStepReturnHandler {
        @Override
        void run(DenaliThread thread) throws DebugException {
            thread.reverseStepReturn();
        }
    }

    static final class Resume extends ReverseCommand implements IReverseResumeHandler {
        @Override
        void run(DenaliThread thread) throws DebugException {
            thread.reverseResume();
        }
    }
}
