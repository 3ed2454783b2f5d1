package org.denali.ide.core.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;

/** Common base of the Denali debug elements: the model id and typed access to the kernel target. */
public abstract class DenaliDebugElement extends DebugElement {
    protected DenaliDebugElement(DenaliDebugTarget target) {
        super(target);
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    public DenaliDebugTarget denaliTarget() {
        return (DenaliDebugTarget) getDebugTarget();
    }

    static DebugException failure(String message, Throwable cause) {
        return new DebugException(Status.error(message + (cause != null && cause.getMessage() != null
                ? ": " + cause.getMessage() : ""), cause));
    }

    static CoreException coreFailure(String message) {
        return new CoreException(Status.error(message));
    }
}
