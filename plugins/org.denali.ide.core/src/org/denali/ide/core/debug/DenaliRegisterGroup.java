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

    /**
     * The same for a group of this name at every stop of the kernel (equality stays identity: each stop's group has
     * that stop's values). The Registers view's input is the platform's proxy of a frame's groups, remembered by
     * the sum of the groups' hash codes; equal hash codes at the next stop let the view restore what the user
     * expanded (identity hash codes collapsed every group at every step).
     */
    @Override
    public int hashCode() {
        return name.hashCode() * 31 + System.identityHashCode(getDebugTarget());
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }
}
