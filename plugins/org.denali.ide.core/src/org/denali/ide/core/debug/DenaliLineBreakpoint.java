package org.denali.ide.core.debug;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.LineBreakpoint;

/** A breakpoint on a line of a C or assembly source; resolved to code addresses through the image's DWARF lines. */
public final class DenaliLineBreakpoint extends LineBreakpoint {
    /** For the breakpoint manager, which recreates breakpoints from their persisted markers. */
    public DenaliLineBreakpoint() {
    }

    public DenaliLineBreakpoint(IResource source, int lineNumber) throws CoreException {
        run(getMarkerRule(source), monitor -> {
            IMarker marker = source.createMarker(DenaliDebugModel.LINE_BREAKPOINT_MARKER);
            setMarker(marker);
            // without the model id the breakpoint manager deletes the marker as "old format" when it loads
            marker.setAttribute(IBreakpoint.ID, DenaliDebugModel.ID);
            marker.setAttribute(IMarker.LINE_NUMBER, lineNumber);
            marker.setAttribute(IMarker.MESSAGE, "Line breakpoint: " + source.getName() + " [line: " + lineNumber
                    + "]");
            setEnabled(true);
            setRegistered(true);
            setPersisted(true);
        });
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }
}
