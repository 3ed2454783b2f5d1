package org.denali.ide.core.debug;

import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbVariable;

/**
 * The value of a gdb variable object, in a live session ({@link DenaliVariable}) or a core session: gdb's text for
 * it, and its children, listed by gdb on first expansion. What a child becomes (a live variable with history and
 * Change Value, or a read-only one of a core) is the owner's business: it passes a {@link ChildLister}.
 */
public final class DenaliVariableValue extends DebugElement implements IValue {
    /** Asks gdb for a variable object's children and wraps each as a variable of the session. */
    public interface ChildLister {
        List<? extends IVariable> children(GdbVariable parent) throws GdbException, DebugException;
    }

    private final GdbVariable variable;
    private final ChildLister lister;
    private IVariable[] children;

    public DenaliVariableValue(IDebugTarget target, GdbVariable variable, ChildLister lister) {
        super(target);
        this.variable = variable;
        this.lister = lister;
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
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
                    children = lister.children(variable).toArray(IVariable[]::new);
                } catch (GdbException e) {
                    throw new DebugException(Status.error("gdb cannot list the members of " + variable.expression()
                            + ": " + e.getMessage(), e));
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
