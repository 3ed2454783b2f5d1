package org.denali.emulator.cpu.jit;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.denali.emulator.cpu.Cpu;

/**
 * The interpreter's own definitions the generated code must agree with, read from the interpreter's classes
 * rather than copied (the lazy-flag kinds, the shift kinds), and the place generated classes are defined: as
 * hidden nestmates of {@link Cpu}, so they call its flag helpers ({@code cfOf}, {@code conditionOf},
 * {@code shiftFlags}, {@code multiplyFlags}, ...) and compute every flag exactly as the interpreter does, and so
 * they are unloaded once no decode cache references them.
 */
final class CpuInternals {
    /** Binary name of the class generated code calls for flags: the interpreter itself. */
    static final String CPU = "org/denali/emulator/cpu/Cpu";
    /** Binary name of the interpreter's shifts and rotates, called for the forms not translated inline. */
    static final String SHIFT_UNIT = "org/denali/emulator/cpu/ShiftUnit";
    /** Package of the generated classes (that of {@link Cpu}, for its package-private helpers). */
    static final String PACKAGE = "org/denali/emulator/cpu/";

    private static final MethodHandles.Lookup CPU_LOOKUP;
    static final int LAZY_NONE;
    static final int LAZY_ADD;
    static final int LAZY_SUB;
    static final int LAZY_LOGIC;
    static final int LAZY_INC;
    static final int LAZY_DEC;
    static final int SHIFT_SHL;
    static final int SHIFT_SHR;
    static final int SHIFT_SAR;

    static {
        try {
            CPU_LOOKUP = MethodHandles.privateLookupIn(Cpu.class, MethodHandles.lookup());
            LAZY_NONE = constant(CPU_LOOKUP, Cpu.class, "LAZY_NONE");
            LAZY_ADD = constant(CPU_LOOKUP, Cpu.class, "LAZY_ADD");
            LAZY_SUB = constant(CPU_LOOKUP, Cpu.class, "LAZY_SUB");
            LAZY_LOGIC = constant(CPU_LOOKUP, Cpu.class, "LAZY_LOGIC");
            LAZY_INC = constant(CPU_LOOKUP, Cpu.class, "LAZY_INC");
            LAZY_DEC = constant(CPU_LOOKUP, Cpu.class, "LAZY_DEC");
            Class<?> insn = CPU_LOOKUP.findClass("org.denali.emulator.cpu.Insn");
            MethodHandles.Lookup insnLookup = MethodHandles.privateLookupIn(insn, MethodHandles.lookup());
            SHIFT_SHL = constant(insnLookup, insn, "SHIFT_SHL");
            SHIFT_SHR = constant(insnLookup, insn, "SHIFT_SHR");
            SHIFT_SAR = constant(insnLookup, insn, "SHIFT_SAR");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private CpuInternals() {
    }

    private static int constant(MethodHandles.Lookup lookup, Class<?> owner, String name)
            throws ReflectiveOperationException {
        VarHandle field = lookup.findStaticVarHandle(owner, name, int.class);
        return (int) field.get();
    }

    /** Defines {@code classBytes} (a class in {@link #PACKAGE}) as a hidden nestmate of Cpu; returns its lookup. */
    static MethodHandles.Lookup define(byte[] classBytes) throws IllegalAccessException {
        return CPU_LOOKUP.defineHiddenClass(classBytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
    }
}
