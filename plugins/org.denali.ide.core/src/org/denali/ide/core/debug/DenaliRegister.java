package org.denali.ide.core.debug;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;

/**
 * One register (or EFLAGS bit) of a VM at one stop, marked changed if it differs from the last stop. Writable when
 * the stub lets it be written (general registers, EFLAGS and its bits, the guest-writable virtual registers): the
 * new value is a number ({@code 42}, {@code 0x2a}, {@code -1}), written with {@code P}.
 */
public final class DenaliRegister extends DenaliDebugElement implements IRegister {
    private final String name;
    private final DenaliValue value;
    private final boolean changed;
    private final Writer writer;
    private DenaliRegisterGroup group;

    /** How a new value reaches the VM; null for a read-only register. */
    interface Writer {
        void write(long value) throws java.io.IOException;
    }

    DenaliRegister(DenaliDebugTarget target, String name, DenaliValue value, boolean changed) {
        this(target, name, value, changed, null);
    }

    DenaliRegister(DenaliDebugTarget target, String name, DenaliValue value, boolean changed, Writer writer) {
        super(target);
        this.name = name;
        this.value = value;
        this.changed = changed;
        this.writer = writer;
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
        if (writer == null) {
            throw failure("Register " + name + " is read-only (the kernel owns it)", null);
        }
        long number;
        try {
            number = Long.decode(expression.trim());
        } catch (NumberFormatException e) {
            throw failure("'" + expression + "' is not a number (decimal, or hexadecimal with 0x)", null);
        }
        try {
            writer.write(number);
        } catch (java.io.IOException e) {
            throw failure("Cannot write register " + name, e);
        }
        fireChangeEvent(org.eclipse.debug.core.DebugEvent.CONTENT);
    }

    @Override
    public void setValue(IValue newValue) throws DebugException {
        setValue(newValue.getValueString());
    }

    @Override
    public boolean supportsValueModification() {
        return writer != null;
    }

    @Override
    public boolean verifyValue(String expression) {
        try {
            Long.decode(expression.trim());
            return writer != null;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public boolean verifyValue(IValue newValue) throws DebugException {
        return verifyValue(newValue.getValueString());
    }
}
