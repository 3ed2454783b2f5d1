package org.denali.ide.ui.debug;

import java.util.Set;

import org.eclipse.debug.ui.actions.IToggleBreakpointsTarget;
import org.eclipse.debug.ui.actions.IToggleBreakpointsTargetFactory;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.ui.IWorkbenchPart;

/** Offers {@link LineBreakpointToggler} for text editors of {@code .c .h .S .s} files in the workspace. */
public final class ToggleBreakpointsTargetFactory implements IToggleBreakpointsTargetFactory {
    static final String ID = "org.denali.ide.ui.lineBreakpoints";

    @Override
    public Set<String> getToggleTargets(IWorkbenchPart part, ISelection selection) {
        return LineBreakpointToggler.sourceFile(part) != null ? Set.of(ID) : Set.of();
    }

    @Override
    public String getDefaultToggleTarget(IWorkbenchPart part, ISelection selection) {
        return LineBreakpointToggler.sourceFile(part) != null ? ID : null;
    }

    @Override
    public IToggleBreakpointsTarget createToggleTarget(String targetID) {
        return ID.equals(targetID) ? new LineBreakpointToggler() : null;
    }

    @Override
    public String getToggleTargetName(String targetID) {
        return "Denali Line Breakpoints";
    }

    @Override
    public String getToggleTargetDescription(String targetID) {
        return "Line breakpoints in Denali guest sources, resolved through the image's DWARF line table";
    }
}
