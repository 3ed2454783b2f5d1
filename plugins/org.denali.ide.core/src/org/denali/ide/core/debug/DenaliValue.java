package org.denali.ide.core.debug;

import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

/** A register's value at one stop: the number and the text shown for it (hex, decoded meaning). */
public final class DenaliValue extends DenaliDebugElement implements IValue {
    private final long value;
    private final String text;
    private final String type;

    DenaliValue(DenaliDebugTarget target, long value, String text, String type) {
        super(target);
        this.value = value;
        this.text = text;
        this.type = type;
    }

    public long longValue() {
        return value;
    }

    @Override
    public String getReferenceTypeName() {
        return type;
    }

    @Override
    public String getValueString() {
        return text;
    }

    @Override
    public boolean isAllocated() {
        return true;
    }

    @Override
    public IVariable[] getVariables() {
        return new IVariable[0];
    }

    @Override
    public boolean hasVariables() {
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
