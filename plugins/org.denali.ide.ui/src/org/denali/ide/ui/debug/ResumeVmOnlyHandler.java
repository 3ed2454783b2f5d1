package org.denali.ide.ui.debug;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;

/**
 * "Resume VM Only" in the Debug view: continues the selected VM while every other VM stays held (the kernel is
 * all-stop, so the platform's Resume continues them all; see docs/debugging.md).
 */
public final class ResumeVmOnlyHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        DenaliThread thread = selectedVm(HandlerUtil.getCurrentSelection(event));
        if (thread == null || !thread.canResume()) {
            return null;
        }
        try {
            thread.resumeAlone();
        } catch (DebugException e) {
            throw new ExecutionException("Cannot resume " + thread.getName() + ": " + e.getMessage(), e);
        }
        return null;
    }

    static DenaliThread selectedVm(ISelection selection) {
        if (selection instanceof IStructuredSelection s && s.size() == 1) {
            Object element = s.getFirstElement();
            if (element instanceof DenaliThread thread) {
                return thread;
            }
            if (element instanceof DenaliStackFrame frame) {
                return frame.denaliThread();
            }
        }
        return null;
    }
}
