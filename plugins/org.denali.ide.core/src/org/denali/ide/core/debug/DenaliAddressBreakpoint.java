package org.denali.ide.core.debug;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.model.IBreakpoint;
import org.eclipse.debug.core.model.Breakpoint;

/**
 * A breakpoint on a code address, given as an expression the target resolves when it installs it: a number
 * ({@code 0x100020}) or an ELF symbol, optionally plus an offset ({@code main}, {@code main+0x6}). Its marker sits
 * on the resource it was created for (the project or the image).
 */
public final class DenaliAddressBreakpoint extends Breakpoint {
    public static final String EXPRESSION = "org.denali.ide.core.debug.address";
    /** True for a function breakpoint: it stops after the function's prologue, at its first line, like gdb's. */
    public static final String FUNCTION = "org.denali.ide.core.debug.function";

    public DenaliAddressBreakpoint() {
    }

    public DenaliAddressBreakpoint(IResource resource, String expression) throws CoreException {
        run(getMarkerRule(resource), monitor -> {
            IMarker marker = resource.createMarker(DenaliDebugModel.ADDRESS_BREAKPOINT_MARKER);
            setMarker(marker);
            // without the model id the breakpoint manager deletes the marker as "old format" when it loads
            marker.setAttribute(IBreakpoint.ID, DenaliDebugModel.ID);
            marker.setAttribute(EXPRESSION, expression);
            marker.setAttribute(IMarker.MESSAGE, "Address breakpoint: " + expression);
            setEnabled(true);
            setRegistered(true);
            setPersisted(true);
        });
    }

    /** A function breakpoint ("Add Function Breakpoint…", gdb's {@code break NAME}) on {@code function}. */
    public static DenaliAddressBreakpoint function(IResource resource, String function) throws CoreException {
        if (!function.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw DenaliDebugElement.coreFailure("'" + function + "' is not a C function name.");
        }
        DenaliAddressBreakpoint breakpoint = new DenaliAddressBreakpoint(resource, function);
        breakpoint.getMarker().setAttributes(new String[] {FUNCTION, IMarker.MESSAGE},
                new Object[] {true, "Function breakpoint: " + function + "()"});
        return breakpoint;
    }

    public boolean isFunction() {
        return getMarker() != null && getMarker().getAttribute(FUNCTION, false);
    }

    public String expression() {
        return getMarker() == null ? "" : getMarker().getAttribute(EXPRESSION, "");
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }
}
