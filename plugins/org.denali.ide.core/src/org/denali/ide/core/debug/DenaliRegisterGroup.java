package org.denali.ide.core.debug;

import java.util.List;

import org.eclipse.debug.core.model.IRegister;
import org.eclipse.debug.core.model.IRegisterGroup;

/** A named group of a VM's registers at one stop (General, EFLAGS, Denali virtual registers). */
public final class DenaliRegisterGroup extends DenaliDebugElement implements IRegisterGroup {
    private final String name;
    private final List<DenaliRegister> registers;

    DenaliRegisterGroup(DenaliDebugTarget target, String name, List<DenaliRegister> registers) {
        super(target);
        this.name = name;
        this.registers = List.copyOf(registers);
        registers.forEach(r -> r.setGroup(this));
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public IRegister[] getRegisters() {
        return registers.toArray(new IRegister[0]);
    }

    public List<DenaliRegister> registers() {
        return registers;
    }

    /** The register called {@code registerName}, or null. */
    public DenaliRegister register(String registerName) {
        return registers.stream().filter(r -> r.getName().equals(registerName)).findFirst().orElse(null);
    }

    @Override
    public boolean hasRegisters() {
        return !registers.isEmpty();
    }
}
