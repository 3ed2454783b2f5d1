package org.denali.ide.ui.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.model.IWorkbenchAdapter;
import org.eclipse.ui.model.WorkbenchAdapter;

import org.denali.ide.core.debug.DenaliAddressBreakpoint;
import org.denali.ide.core.debug.DenaliLineBreakpoint;
import org.denali.ide.core.debug.DenaliWatchpoint;

/**
 * The label of a Denali breakpoint or watchpoint ({@code threads.c [line: 67]}, {@code function cond_signal()},
 * {@code counter (4 bytes, write)}): the Breakpoints view shows it (through {@link DenaliModelPresentation}), and as
 * the breakpoint's {@link IWorkbenchAdapter} it names the breakpoint in the title of its Properties dialog
 * ("Properties for threads.c [line: 67]"), which had no name without one.
 */
public final class BreakpointLabels extends WorkbenchAdapter implements IAdapterFactory {
    /** The label, or null for an element that is no Denali breakpoint or whose marker is gone. */
    public static String label(Object element) {
        try {
            if (element instanceof DenaliLineBreakpoint line) {
                return line.getMarker().getResource().getName() + " [line: " + line.getLineNumber() + "]";
            }
            if (element instanceof DenaliAddressBreakpoint address) {
                return address.isFunction() ? "function " + address.expression() + "()"
                        : "address " + address.expression();
            }
            if (element instanceof DenaliWatchpoint watch) {
                String kind = watch.isAccess() && watch.isModification() ? "access"
                        : watch.isAccess() ? "read" : "write";
                return watch.expression() + " (" + watch.length() + " bytes, " + kind + ")";
            }
        } catch (CoreException e) {
            return null; // a deleted marker
        }
        return null;
    }

    @Override
    public String getLabel(Object element) {
        String label = label(element);
        return label != null ? label : "";
    }

    @Override
    public <T> T getAdapter(Object adaptableObject, Class<T> adapterType) {
        return adapterType == IWorkbenchAdapter.class && label(adaptableObject) != null ? adapterType.cast(this)
                : null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IWorkbenchAdapter.class};
    }
}
