package org.denali.ide.ui.debug;

import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.ILineBreakpoint;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.texteditor.ITextEditor;

import org.denali.ide.core.debug.DenaliDebugModel;
import org.denali.ide.core.debug.DenaliLineBreakpoint;

/**
 * Toggles Denali line breakpoints in text editors of C and assembly sources (ruler double-click, Run > Toggle
 * Breakpoint). Whether the line has code is only known to the image's line table, so any line may get one; a
 * line without code is reported by the debugger when it installs breakpoints.
 */
public final class LineBreakpointToggler implements IToggleBreakpointsTarget {
    static final Set<String> SOURCE_EXTENSIONS = Set.of("c", "h", "S", "s");

    @Override
    public void toggleLineBreakpoints(IWorkbenchPart part, ISelection selection) throws CoreException {
        IFile file = sourceFile(part);
        if (file == null || !(selection instanceof ITextSelection text)) {
            return;
        }
        int line = text.getStartLine() + 1;
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        IBreakpoint existing = lineBreakpoint(manager, file, line);
        if (existing != null) {
            manager.removeBreakpoint(existing, true);
        } else {
            manager.addBreakpoint(new DenaliLineBreakpoint(file, line));
        }
    }

    @Override
    public boolean canToggleLineBreakpoints(IWorkbenchPart part, ISelection selection) {
        return sourceFile(part) != null && selection instanceof ITextSelection;
    }

    /** The Denali line breakpoint on {@code line} of {@code file}, or null. */
    static IBreakpoint lineBreakpoint(IBreakpointManager manager, IResource file, int line) throws CoreException {
        for (IBreakpoint b : manager.getBreakpoints(DenaliDebugModel.ID)) {
            if (b instanceof DenaliLineBreakpoint lb && file.equals(b.getMarker().getResource())
                    && ((ILineBreakpoint) lb).getLineNumber() == line) {
                return b;
            }
        }
        return null;
    }

    /** The workspace C/assembly file the part edits, or null. */
    static IFile sourceFile(IWorkbenchPart part) {
        if (!(part instanceof ITextEditor editor)) {
            return null;
        }
        IFile file = editor.getEditorInput().getAdapter(IFile.class);
        return file != null && SOURCE_EXTENSIONS.contains(file.getFileExtension()) ? file : null;
    }

    @Override
    public void toggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
    }

    @Override
    public boolean canToggleMethodBreakpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }

    @Override
    public void toggleWatchpoints(IWorkbenchPart part, ISelection selection) {
    }

    @Override
    public boolean canToggleWatchpoints(IWorkbenchPart part, ISelection selection) {
        return false;
    }
}
