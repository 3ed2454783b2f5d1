package org.denali.ide.views.context;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.ui.IDebugUIConstants;
import org.eclipse.debug.ui.IDebugView;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;

/**
 * Selecting a VM in the Scheduler view during a debug session makes its thread the debug context: the Debug view
 * selects the thread whose {@code vmId()} matches, so Variables, Registers and the source follow it.
 */
public final class DebugSelection {
    private DebugSelection() {
    }

    /** @return true if a debug thread of {@code vm} was found and selected */
    public static boolean selectThreadOf(IWorkbenchPage page, ILaunch launch, int vm) {
        if (page == null || launch == null) {
            return false;
        }
        IViewPart part = page.findView(IDebugUIConstants.ID_DEBUG_VIEW);
        if (!(part instanceof IDebugView debugView) || debugView.getViewer() == null) {
            return false;
        }
        for (IDebugTarget target : launch.getDebugTargets()) {
            try {
                for (IThread thread : target.getThreads()) {
                    if (DebugContextVm.vmIdOf(thread).orElse(-1) == vm) {
                        debugView.getViewer().setSelection(new StructuredSelection(thread), true);
                        return true;
                    }
                }
            } catch (DebugException e) {
                // the target ended meanwhile: nothing to select
            }
        }
        return false;
    }
}
