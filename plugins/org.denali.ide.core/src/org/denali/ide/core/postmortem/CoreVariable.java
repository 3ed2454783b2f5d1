package org.denali.ide.core.postmortem;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import org.denali.ide.core.debug.DenaliDebugModel;
import org.denali.ide.core.debug.DenaliVariableValue;
import org.denali.ide.core.gdb.GdbVariable;

/**
 * A C variable of a core's frame, as a gdb variable object; structs, arrays and pointers expand lazily. A core is
 * read-only: values cannot be changed.
 */
final class CoreVariable extends DebugElement implements IVariable {
    private final CoreStackFrame frame;
    private final GdbVariable variable;
    private final DenaliVariableValue value;

    CoreVariable(CoreStackFrame frame, GdbVariable variable) {
        super(frame.getDebugTarget());
        this.frame = frame;
        this.variable = variable;
        this.value = new DenaliVariableValue(frame.getDebugTarget(), variable, parent -> frame.coreTarget().gdb()
                .children(parent).stream().map(child -> new CoreVariable(frame, child)).toList());
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    @Override
    public IValue getValue() {
        return value;
    }

    @Override
    public String getName() {
        return variable.expression();
    }

    @Override
    public String getReferenceTypeName() {
        return variable.type();
    }

    @Override
    public boolean hasValueChanged() {
        return false;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        throw CoreStackFrame.failure("A core file is read-only", null);
    }

    @Override
    public void setValue(IValue newValue) throws DebugException {
        throw CoreStackFrame.failure("A core file is read-only", null);
    }

    @Override
    public boolean supportsValueModification() {
        return false;
    }

    @Override
    public boolean verifyValue(String expression) {
        return false;
    }

    @Override
    public boolean verifyValue(IValue newValue) {
        return false;
    }
}
