package org.denali.ide.core.debug;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IStackFrame;
import org.eclipse.debug.core.model.IVariable;

/**
 * A frame in which gdb evaluates C expressions: a live VM's ({@link DenaliStackFrame}) or a core's. The
 * Expressions view and the editor's hover ask it, whichever kind of session is selected.
 */
public interface ExpressionFrame extends IStackFrame {
    /** {@code expression} as a gdb variable object of this frame (expandable like a variable). */
    IVariable expression(String expression) throws DebugException;
}
