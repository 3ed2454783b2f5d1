package org.denali.ide.ui.debug;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.ISuspendResume;
import org.eclipse.debug.ui.actions.IRunToLineTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.texteditor.ITextEditor;

import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;

/**
 * Run to Line (Ctrl+R, the editor's context menu) in C and assembly editors while a Denali VM is suspended: every
 * VM runs until one reaches the line's code (temporary breakpoints), like CDT's Run to Line in all-stop mode.
 */
public final class RunToLineTarget implements IRunToLineTarget {
    @Override
    public void runToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) throws CoreException {
        DenaliThread thread = threadOf(target);
        IResource file = fileOf(part);
        if (thread == null || file == null || !(selection instanceof ITextSelection text)) {
            return;
        }
        thread.runToLine(file, text.getStartLine() + 1);
    }

    @Override
    public boolean canRunToLine(IWorkbenchPart part, ISelection selection, ISuspendResume target) {
        DenaliThread thread = threadOf(target);
        return thread != null && thread.canResume() && fileOf(part) != null && selection instanceof ITextSelection;
    }

    private static DenaliThread threadOf(ISuspendResume target) {
        if (target instanceof DenaliThread t) {
            return t;
        }
        return target instanceof DenaliStackFrame f ? f.denaliThread() : null;
    }

    private static IResource fileOf(IWorkbenchPart part) {
        if (part instanceof ITextEditor editor) {
            IResource file = editor.getEditorInput().getAdapter(IResource.class);
            String name = file == null ? "" : file.getName();
            if (name.endsWith(".c") || name.endsWith(".h") || name.endsWith(".S") || name.endsWith(".s")) {
                return file;
            }
        }
        return null;
    }
}
