package org.denali.ide.core.postmortem;

import org.eclipse.debug.core.model.IValue;

import org.denali.ide.core.debug.DenaliVariableValue;
import org.denali.ide.core.gdb.GdbVariable;

/**
 * A C variable of a core's frame, as a gdb variable object; structs, arrays and pointers expand lazily. A core is
 * read-only: values cannot be changed.
 */
final class CoreVariable extends ReadOnlyCoreVariable {
    private final GdbVariable variable;
    private final DenaliVariableValue value;

    CoreVariable(CoreStackFrame frame, GdbVariable variable) {
        super(frame.getDebugTarget());
        this.variable = variable;
        this.value = new DenaliVariableValue(frame.getDebugTarget(), variable, parent -> frame.coreTarget().gdb()
                .children(parent).stream().map(child -> new CoreVariable(frame, child)).toList());
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
}
