package org.denali.ide.ui.debug;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.debug.core.DebugException;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.DenaliVariable;
import org.denali.ide.core.gdb.GdbInspector;

/**
 * "Format" in the Variables and Expressions views' context menu: shows the selected C variables in hexadecimal,
 * decimal, octal, binary or gdb's natural format (gdb's {@code -var-set-format}).
 */
public final class VariableFormatHandler extends AbstractHandler {
    public static final String FORMAT_PARAMETER = "org.denali.ide.ui.variableFormat.format";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        String format = event.getParameter(FORMAT_PARAMETER);
        if (!GdbInspector.FORMATS.contains(format)) {
            throw new ExecutionException("Unknown number format '" + format + "'; one of " + GdbInspector.FORMATS);
        }
        if (HandlerUtil.getCurrentSelection(event) instanceof IStructuredSelection selection) {
            for (Object element : selection) {
                if (element instanceof DenaliVariable variable) {
                    try {
                        variable.setFormat(format);
                    } catch (DebugException e) {
                        throw new ExecutionException(e.getMessage(), e);
                    }
                }
            }
        }
        return null;
    }
}
