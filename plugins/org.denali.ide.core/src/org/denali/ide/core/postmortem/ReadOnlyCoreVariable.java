package org.denali.ide.core.postmortem;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import org.denali.ide.core.debug.DenaliDebugModel;

/** What every variable and register of a core shares: a core file is read-only and its values never change. */
abstract class ReadOnlyCoreVariable extends DebugElement implements IVariable {
    ReadOnlyCoreVariable(IDebugTarget target) {
        super(target);
    }

    @Override
    public final String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    @Override
    public final boolean hasValueChanged() {
        return false;
    }

    @Override
    public final void setValue(String expression) throws DebugException {
        throw CoreStackFrame.failure("A core file is read-only", null);
    }

    @Override
    public final void setValue(IValue newValue) throws DebugException {
        throw CoreStackFrame.failure("A core file is read-only", null);
    }

    @Override
    public final boolean supportsValueModification() {
        return false;
    }

    @Override
    public final boolean verifyValue(String expression) {
        return false;
    }

    @Override
    public final boolean verifyValue(IValue newValue) {
        return false;
    }
}
