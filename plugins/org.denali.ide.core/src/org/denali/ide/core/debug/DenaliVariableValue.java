package org.denali.ide.core.debug;

import java.util.List;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbVariable;

/** The value of a {@link DenaliVariable}: gdb's text for it, and its children, listed by gdb on first expansion. */
public final class DenaliVariableValue extends DenaliDebugElement implements IValue {
    private final DenaliVariable owner;
    private final GdbVariable variable;
    private IVariable[] children;

    DenaliVariableValue(DenaliVariable owner, GdbVariable variable) {
        super(owner.denaliTarget());
        this.owner = owner;
        this.variable = variable;
    }

    @Override
    public String getReferenceTypeName() {
        return variable.type();
    }

    @Override
    public String getValueString() {
        return variable.value() == null ? "" : variable.value();
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public synchronized IVariable[] getVariables() throws DebugException {
        if (children == null) {
            if (variable.children() == 0) {
                children = new IVariable[0];
            } else {
                try {
                    List<GdbVariable> listed = owner.frame().inspector().children(variable);
                    children = listed.stream().map(v -> new DenaliVariable(owner.frame(), v))
                            .toArray(IVariable[]::new);
                } catch (GdbException e) {
                    throw failure("gdb cannot list the members of " + owner.getName(), e);
                }
            }
        }
        return children.clone();
    }

    @Override
    public boolean hasVariables() {
        return variable.children() > 0;
    }

    @Override
    public String toString() {
        return getValueString();
    }
}
