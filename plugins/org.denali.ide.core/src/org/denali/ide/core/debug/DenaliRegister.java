package org.denali.ide.core.debug;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;

/** One register (or EFLAGS bit) of a VM at one stop; read-only, marked changed if it differs from the last stop. */
public final class DenaliRegister extends DenaliDebugElement implements IRegister {
    private final String name;
    private final DenaliValue value;
    private final boolean changed;
    private DenaliRegisterGroup group;

    DenaliRegister(DenaliDebugTarget target, String name, DenaliValue value, boolean changed) {
        super(target);
        this.name = name;
        this.value = value;
        this.changed = changed;
    }

    void setGroup(DenaliRegisterGroup group) {
        this.group = group;
    }

    @Override
    public IRegisterGroup getRegisterGroup() {
        return group;
    }

    @Override
    public IValue getValue() {
        return value;
    }

    public DenaliValue denaliValue() {
        return value;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getReferenceTypeName() {
        return value.getReferenceTypeName();
    }

    @Override
    public boolean hasValueChanged() {
        return changed;
    }

    @Override
    public void setValue(String expression) throws DebugException {
        throw failure("Registers are read-only in the Registers view; use gdb's 'set $" + name + "'", null);
    }

    @Override
    public void setValue(IValue newValue) throws DebugException {
        setValue(newValue.getValueString());
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
