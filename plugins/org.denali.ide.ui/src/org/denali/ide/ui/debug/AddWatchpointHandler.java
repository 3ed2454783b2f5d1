package org.denali.ide.ui.debug;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.DenaliWatchpoint;

/**
 * "Add Watchpoint…" (Breakpoints view): a {@link DenaliWatchpoint} on an address or symbol typed by the user, for
 * storage no variable in the Variables view shows (a global of another file, a device buffer). A symbol the image
 * does not define is reported on the watchpoint when a kernel is debugged.
 */
public final class AddWatchpointHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        AddWatchpointDialog dialog = new AddWatchpointDialog(HandlerUtil.getActiveShell(event));
        if (dialog.open() != Window.OK || dialog.answer() == null) {
            return null;
        }
        AddWatchpointDialog.Answer answer = dialog.answer();
        try {
            DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(new DenaliWatchpoint(
                    ResourcesPlugin.getWorkspace().getRoot(), answer.expression(), answer.length(), answer.access(),
                    answer.modification()));
        } catch (CoreException e) {
            throw new ExecutionException(e.getStatus().getMessage(), e);
        }
        return null;
    }
}
