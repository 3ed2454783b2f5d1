package org.denali.ide.core.debug;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.IWatchpoint;
import org.eclipse.debug.core.model.LineBreakpoint;

/**
 * A data watchpoint (the stub's {@code Z2}/{@code Z3}/{@code Z4}) on {@code length} bytes at an address expression
 * (a number or a symbol such as {@code counter}). Write ("modification"), read ("access") or both.
 */
public final class DenaliWatchpoint extends LineBreakpoint implements IWatchpoint {
    public static final String EXPRESSION = "org.denali.ide.core.debug.watchExpression";
    public static final String LENGTH = "org.denali.ide.core.debug.watchLength";
    private static final String ACCESS = "org.denali.ide.core.debug.access";
    private static final String MODIFICATION = "org.denali.ide.core.debug.modification";

    public DenaliWatchpoint() {
    }

    public DenaliWatchpoint(IResource resource, String expression, int length, boolean access, boolean modification)
            throws CoreException {
        if (length < 1 || length > 4096) {
            throw DenaliDebugElement.coreFailure("A watchpoint covers 1 to 4096 bytes, not " + length + ".");
        }
        if (!access && !modification) {
            throw DenaliDebugElement.coreFailure("A watchpoint must watch reads, writes or both.");
        }
        run(getMarkerRule(resource), monitor -> {
            IMarker marker = resource.createMarker(DenaliDebugModel.WATCHPOINT_MARKER);
            setMarker(marker);
            // without the model id the breakpoint manager deletes the marker as "old format" when it loads
            marker.setAttribute(IBreakpoint.ID, DenaliDebugModel.ID);
            marker.setAttribute(EXPRESSION, expression);
            marker.setAttribute(LENGTH, length);
            marker.setAttribute(ACCESS, access);
            marker.setAttribute(MODIFICATION, modification);
            marker.setAttribute(IMarker.LINE_NUMBER, -1);
            marker.setAttribute(IMarker.MESSAGE, "Watchpoint: " + expression + " (" + length + " bytes)");
            setEnabled(true);
            setRegistered(true);
            setPersisted(true);
        });
    }

    public String expression() {
        return getMarker() == null ? "" : getMarker().getAttribute(EXPRESSION, "");
    }

    public int length() {
        return getMarker() == null ? 4 : getMarker().getAttribute(LENGTH, 4);
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    @Override
    public boolean isAccess() throws CoreException {
        return ensureMarker().getAttribute(ACCESS, false);
    }

    @Override
    public void setAccess(boolean access) throws CoreException {
        setAttribute(ACCESS, access);
    }

    @Override
    public boolean isModification() throws CoreException {
        return ensureMarker().getAttribute(MODIFICATION, true);
    }

    @Override
    public void setModification(boolean modification) throws CoreException {
        setAttribute(MODIFICATION, modification);
    }

    @Override
    public boolean supportsAccess() {
        return true;
    }

    @Override
    public boolean supportsModification() {
        return true;
    }
}
