package org.denali.ide.ui.debug;

import org.eclipse.core.resources.IFile;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.ILineBreakpoint;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;
import org.eclipse.debug.ui.IDebugModelPresentation;
import org.eclipse.debug.ui.IValueDetailListener;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.graphics.Image;
import org.eclipse.ui.IEditorDescriptor;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.FileEditorInput;

import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.DenaliStackFrame;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.ui.editor.DenaliCEditor;

/**
 * Labels of the Denali debug model (the kernel, its VMs with why they stopped, frames with function, file and line,
 * breakpoints) and the editor for a frame's source: the Denali C editor for C, the Denali assembly editor for
 * assembly. Images are the platform's defaults for threads, frames and breakpoints.
 */
public final class DenaliModelPresentation extends LabelProvider implements IDebugModelPresentation {
    static final String ASSEMBLY_EDITOR = "org.denali.lang.ui.assemblyEditor";

    @Override
    public void setAttribute(String attribute, Object value) {
    }

    @Override
    public Image getImage(Object element) {
        return null;
    }

    @Override
    public String getText(Object element) {
        if (element instanceof DenaliDebugTarget target) {
            return target.getName() + (target.isTerminated() ? " <terminated>"
                    : target.isDisconnected() ? " <disconnected>" : "");
        }
        if (element instanceof DenaliThread thread) {
            return thread.getName() + " (" + state(thread) + ")";
        }
        if (element instanceof DenaliStackFrame frame) {
            return frame.getName();
        }
        if (element instanceof org.denali.ide.core.postmortem.CoreThread thread) {
            return thread.getName() + (thread.isTerminated() ? " (Ended)" : " (Suspended: post-mortem)");
        }
        return BreakpointLabels.label(element);
    }

    private static String state(DenaliThread thread) {
        if (thread.isTerminated()) {
            return "Ended";
        }
        if (thread.isStepping()) {
            return "Stepping";
        }
        if (!thread.isSuspended()) {
            return "Running";
        }
        String why = thread.stopDescription();
        return why.isEmpty() ? "Suspended" : "Suspended: " + why;
    }

    @Override
    public void computeDetail(IValue value, IValueDetailListener listener) {
        String detail;
        try {
            detail = value.getValueString();
        } catch (DebugException e) {
            detail = e.getMessage();
        }
        listener.detailComputed(value, detail);
    }

    @Override
    public IEditorInput getEditorInput(Object element) {
        if (element instanceof IFile file) {
            return new FileEditorInput(file);
        }
        if (element instanceof ILineBreakpoint breakpoint && breakpoint.getMarker().getResource() instanceof IFile f) {
            return new FileEditorInput(f);
        }
        if (element instanceof LocalFileStorage storage) {
            return new ReadOnlySourceInput(storage); // SDK sources: shown, never edited by accident
        }
        return null;
    }

    @Override
    public String getEditorId(IEditorInput input, Object element) {
        String name = input.getName();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (extension.equals("c") || extension.equals("h")) {
            return DenaliCEditor.ID;
        }
        if ((extension.equals("S") || extension.equals("s"))
                && PlatformUI.getWorkbench().getEditorRegistry().findEditor(ASSEMBLY_EDITOR) != null) {
            return ASSEMBLY_EDITOR;
        }
        IEditorDescriptor descriptor = PlatformUI.getWorkbench().getEditorRegistry().getDefaultEditor(name);
        return descriptor != null ? descriptor.getId() : "org.eclipse.ui.DefaultTextEditor";
    }
}
