package org.denali.ide.core.debug;

import org.eclipse.debug.core.DebugEvent;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.gdb.GdbVariable;

/**
 * A C variable, field, element or expression of one frame at one stop, backed by a gdb variable object
 * ({@link GdbVariable}). Its children are listed by gdb when the view expands it; Change Value is {@code -var-assign};
 * the number format is gdb's {@code -var-set-format}. "Changed" compares with the value the same expression had in
 * the same function at an earlier stop ({@link ValueHistory}).
 */
public final class DenaliVariable extends DenaliDebugElement implements IVariable {
    private final DenaliStackFrame frame;
    private GdbVariable variable;
    private final String key;
    private final boolean changed;
    private String format = "natural";
    private DenaliVariableValue value;

    DenaliVariable(DenaliStackFrame frame, GdbVariable variable) {
        super(frame.denaliTarget());
        this.frame = frame;
        this.variable = variable;
        this.key = frame.denaliThread().vmId() + "/" + frame.functionName() + "/" + variable.path();
        this.changed = denaliTarget().valueHistory().record(key, variable.value());
    }

    public GdbVariable gdbVariable() {
        return variable;
    }

    public DenaliStackFrame frame() {
        return frame;
    }

    /** True for a function argument (the Variables view lists them first, as gdb's {@code info args}). */
    public boolean isArgument() {
        return variable.argument();
    }

    /** The full C expression of this variable ({@code req->path[2]}), e.g. for a watchpoint. */
    public String expression() {
        return variable.path();
    }

    @Override
    public synchronized IValue getValue() {
        if (value == null) {
            value = new DenaliVariableValue(getDebugTarget(), variable, parent -> frame.inspector().children(parent)
                    .stream().map(child -> new DenaliVariable(frame, child)).toList());
        }
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
        return changed;
    }

    public String format() {
        return format;
    }

    /** Shows the value in {@code newFormat} (one of {@link GdbInspector#FORMATS}). */
    public void setFormat(String newFormat) throws DebugException {
        GdbInspector gdb = frame.inspector();
        try {
            String text = gdb.setFormat(variable, newFormat);
            synchronized (this) {
                format = newFormat;
                replaceValue(text);
            }
        } catch (GdbException e) {
            throw failure("Cannot show " + getName() + " as " + newFormat, e);
        }
        fireChangeEvent(DebugEvent.STATE);
        frame.fireChangeEvent(DebugEvent.CONTENT); // the Variables view refreshes its rows from the frame
    }

    @Override
    public void setValue(String expression) throws DebugException {
        GdbInspector gdb = frame.inspector();
        try {
            String text = gdb.assign(variable, expression);
            synchronized (this) {
                replaceValue(text);
            }
        } catch (GdbException e) {
            throw failure("Cannot set " + getName() + " to '" + expression + "'", e);
        }
        denaliTarget().valueHistory().record(key, variable.value());
        frame.denaliThread().valuesWritten();
        fireChangeEvent(DebugEvent.CONTENT);
        frame.fireChangeEvent(DebugEvent.CONTENT);
    }

    private void replaceValue(String text) {
        variable = new GdbVariable(variable.varobj(), variable.expression(), variable.path(), variable.type(), text,
                variable.children(), variable.argument());
        value = null;
    }

    @Override
    public void setValue(IValue newValue) throws DebugException {
        setValue(newValue.getValueString());
    }

    /** Scalars and pointers; a struct or array is changed field by field, element by element. */
    @Override
    public boolean supportsValueModification() {
        return variable.children() == 0 || variable.type().endsWith("*");
    }

    @Override
    public boolean verifyValue(String expression) {
        return expression != null && !expression.isBlank();
    }

    @Override
    public boolean verifyValue(IValue newValue) throws DebugException {
        return newValue != null && verifyValue(newValue.getValueString());
    }

    @Override
    public String toString() {
        return getName() + " = " + variable.value();
    }
}
