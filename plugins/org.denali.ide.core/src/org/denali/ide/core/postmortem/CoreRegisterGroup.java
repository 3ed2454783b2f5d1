package org.denali.ide.core.postmortem;

import java.util.Map;

import org.eclipse.debug.core.model.DebugElement;
import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;
import org.eclipse.debug.core.model.IValue;
import org.eclipse.debug.core.model.IVariable;

import org.denali.ide.core.debug.DenaliDebugModel;

/** A group of a core frame's registers as gdb reads them (hexadecimal); read-only. */
final class CoreRegisterGroup extends DebugElement implements IRegisterGroup {
    private final String name;
    private final IRegister[] registers;

    CoreRegisterGroup(CoreStackFrame frame, String name, Map<String, String> values) {
        super(frame.getDebugTarget());
        this.name = name;
        this.registers = values.entrySet().stream().map(e -> new Register(e.getKey(), e.getValue()))
                .toArray(IRegister[]::new);
    }

    @Override
    public String getModelIdentifier() {
        return DenaliDebugModel.ID;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IRegister[] getRegisters() {
        return registers.clone();
    }

    @Override
    public boolean hasRegisters() {
        return registers.length > 0;
    }

    private final class Register extends ReadOnlyCoreVariable implements IRegister, IValue {
        private final String registerName;
        private final String value;

        Register(String name, String value) {
            super(CoreRegisterGroup.this.getDebugTarget());
            this.registerName = name;
            this.value = value;
        }

        @Override
        public IRegisterGroup getRegisterGroup() {
            return CoreRegisterGroup.this;
        }

        @Override
        public IValue getValue() {
            return this;
        }

        @Override
        public String getName() {
            return registerName;
        }

        @Override
        public String getReferenceTypeName() {
            return "int";
        }

        @Override
        public String getValueString() {
            return value;
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
    }
}
