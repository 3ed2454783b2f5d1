package org.denali.ide.core.debug;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IThread;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IWatchExpressionDelegate;
import org.eclipse.debug.core.model.IWatchExpressionListener;
import org.eclipse.debug.core.model.IWatchExpressionResult;

/**
 * The Expressions view's evaluator: any C expression gdb accepts, in the selected frame (or the selected VM's top
 * frame) of a live session or a core, as a gdb variable object, so structs and arrays expand as in the Variables
 * view. Evaluated in a job because gdb may read guest memory over the connection.
 */
public final class DenaliWatchExpressionDelegate implements IWatchExpressionDelegate {
    @Override
    public void evaluateExpression(String expression, IDebugElement context, IWatchExpressionListener listener) {
        Job job = Job.create("Evaluating " + expression, (IProgressMonitor monitor) -> {
            listener.watchEvaluationFinished(evaluate(expression, context));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    static IWatchExpressionResult evaluate(String expression, IDebugElement context) {
        try {
            ExpressionFrame frame = frameOf(context);
            if (frame == null) {
                return result(expression, null, "Select a suspended Denali VM or frame", null);
            }
            return result(expression, frame.expression(expression).getValue(), null, null);
        } catch (DebugException e) {
            return result(expression, null, e.getStatus().getMessage(), e);
        }
    }

    /** The selected frame (of a live VM or a core), or the selected VM's top frame; null while it runs. */
    public static ExpressionFrame frameOf(Object context) throws DebugException {
        if (context instanceof ExpressionFrame f) {
            return f.isSuspended() ? f : null;
        }
        if (context instanceof IThread t && t.isSuspended() && t.getTopStackFrame() instanceof ExpressionFrame f) {
            return f;
        }
        return null;
    }

    private static IWatchExpressionResult result(String expression, IValue value, String error,
            DebugException exception) {
        return new IWatchExpressionResult() {
            @Override
            public IValue getValue() {
                return value;
            }

            @Override
            public boolean hasErrors() {
                return error != null;
            }

            @Override
            public String[] getErrorMessages() {
                return error == null ? new String[0] : new String[] { error };
            }

            @Override
            public String getExpressionText() {
                return expression;
            }

            @Override
            public DebugException getException() {
                return exception;
            }
        };
    }

}
