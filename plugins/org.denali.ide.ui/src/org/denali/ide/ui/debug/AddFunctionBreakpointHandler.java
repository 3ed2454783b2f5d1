package org.denali.ide.ui.debug;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.DenaliAddressBreakpoint;

/**
 * "Add Function Breakpoint…" (Breakpoints view): a breakpoint on a C function by name, stopping after its prologue
 * at its first line like gdb's {@code break NAME}; a name the image does not define is reported on the breakpoint
 * when a kernel is debugged.
 */
public final class AddFunctionBreakpointHandler extends AbstractHandler {
    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        InputDialog dialog = new InputDialog(HandlerUtil.getActiveShell(event), "Add Function Breakpoint",
                "Function name (a C function of the guest or the Ilwaco SDK, e.g. consumer or cond_signal):", "",
                text -> text.trim().matches("[A-Za-z_][A-Za-z0-9_]*") ? null : "A C identifier, e.g. consumer");
        if (dialog.open() != Window.OK || dialog.getReturnCode() == IDialogConstants.CANCEL_ID) {
            return null;
        }
        try {
            DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(DenaliAddressBreakpoint.function(
                    ResourcesPlugin.getWorkspace().getRoot(), dialog.getValue().trim()));
        } catch (CoreException e) {
            throw new ExecutionException(e.getStatus().getMessage(), e);
        }
        return null;
    }
}
