package org.denali.ide.ui.debug;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.DenaliVariable;
import org.denali.ide.core.debug.DenaliWatchpoint;
import org.denali.ide.core.gdb.GdbException;

/**
 * "Watch (write / read / access)" on a variable in the Variables or Expressions view: a {@link DenaliWatchpoint} on
 * the variable's storage ({@code &expr}, {@code sizeof expr} as gdb computes them in its frame). A variable that
 * lives in a register (common at -O2) has no address and gets a clear error instead.
 */
public final class WatchVariableHandler extends AbstractHandler {
    public static final String KIND_PARAMETER = "org.denali.ide.ui.watchVariable.kind";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String kind = event.getParameter(KIND_PARAMETER);
        boolean access = "read".equals(kind) || "access".equals(kind);
        boolean modification = !"read".equals(kind);
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection
                && selection.getFirstElement() instanceof DenaliVariable variable) {
            String expression = variable.expression();
            try {
                var gdb = variable.frame().inspector();
                expression = gdb.pathExpression(variable.gdbVariable()); // fast->sp, queue[2]: what gdb can evaluate
                int level = variable.frame().depth();
                long address = Long.decode(gdb.evaluate("(unsigned) &(" + expression + ")", level).trim());
                int size = Integer.parseInt(gdb.evaluate("sizeof(" + expression + ")", level).trim());
                DenaliWatchpoint watchpoint = new DenaliWatchpoint(ResourcesPlugin.getWorkspace().getRoot(),
                        String.format("0x%x", address), Math.min(size, 4096), access, modification);
                DebugPlugin.getDefault().getBreakpointManager().addBreakpoint(watchpoint);
            } catch (GdbException | NumberFormatException e) {
                throw new ExecutionException("Cannot watch " + expression + ": it has no address gdb can give ("
                        + e.getMessage() + ")", e);
            } catch (CoreException e) {
                throw new ExecutionException("Cannot watch " + expression + ": " + e.getMessage(), e);
            }
        }
        return null;
    }
}
