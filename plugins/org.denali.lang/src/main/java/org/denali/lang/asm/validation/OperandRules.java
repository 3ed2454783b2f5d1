package org.denali.lang.asm.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.denali.lang.asm.asm.ImmediateOperand;
import org.denali.lang.asm.asm.IndirectOperand;
import org.denali.lang.asm.asm.Instruction;
import org.denali.lang.asm.asm.MemoryOperand;
import org.denali.lang.asm.asm.Operand;
import org.denali.lang.asm.asm.RegisterOperand;
import org.denali.lang.asm.isa.Classification;
import org.denali.lang.asm.isa.InstructionSpec;
import org.denali.lang.asm.isa.OperandSize;
import org.denali.lang.asm.isa.RegisterKind;
import org.denali.lang.asm.isa.Registers;
import org.denali.lang.asm.isa.Registers.Register;
import org.denali.lang.asm.isa.Sizing;
import org.eclipse.emf.ecore.EObject;

/**
 * The operand checks of one instruction of the subset: operand count, and that register sizes agree with the
 * size suffix (or with each other when there is none), following the instruction's {@link Sizing}. Reports in
 * gas's terms, e.g. "movl: suffix 'l' (32-bit) does not match %ax (16-bit)".
 */
final class OperandRules {
    private final Classification.Supported kind;
    private final InstructionSpec spec;
    private final Instruction instruction;
    private final BiConsumer<EObject, String> errors;
    private final List<Operand> operands;

    OperandRules(Classification.Supported kind, Instruction instruction, BiConsumer<EObject, String> errors) {
        this.kind = kind;
        this.spec = kind.spec();
        this.instruction = instruction;
        this.errors = errors;
        this.operands = instruction.getOperands();
    }

    void check() {
        int count = operands.size();
        if (count < spec.minOperands() || count > spec.maxOperands()) {
            errors.accept(instruction, kind.name() + ": expects " + spec.describeOperandCount() + ", found " + count);
            return;
        }
        switch (spec.sizing()) {
            case SAME -> checkSameSize(generalRegisters(operands));
            case SHIFT -> checkShift();
            case EXTEND -> checkExtend();
            case PORT -> checkPort();
            case STRING, NONE -> {
            }
        }
    }

    private void checkSameSize(List<RegisterOperand> registers) {
        OperandSize size = kind.size();
        for (RegisterOperand op : registers) {
            OperandSize actual = sizeOf(op);
            if (size == null) {
                size = actual;
            } else if (actual != size) {
                String against = kind.size() != null ? "suffix " + kind.size().describe()
                    : registerName(registers.get(0)) + " (" + size.bits() + "-bit)";
                errors.accept(op, kind.name() + ": " + against + " does not match " + registerName(op) + " ("
                    + actual.bits() + "-bit)");
                return;
            }
        }
        if (size == null && spec.sizeRequired() && operands.stream().anyMatch(this::isMemory)) {
            errors.accept(instruction, kind.name() + ": no size suffix and no register operand to infer it from; "
                + "write " + kind.name() + "b, " + kind.name() + "w or " + kind.name() + "l");
        }
    }

    /** The count of shl/rol/shld... is an immediate or %cl; the other operands follow the SAME rule. */
    private void checkShift() {
        List<RegisterOperand> data = new ArrayList<>();
        List<RegisterOperand> registers = generalRegisters(operands);
        int countIndex = operands.size() > 1 && (spec.minOperands() == 1 || operands.size() == 3) ? 0 : -1;
        for (RegisterOperand op : registers) {
            if (operands.indexOf(op) == countIndex) {
                if (!"cl".equals(bare(op))) {
                    errors.accept(op, kind.name() + ": a shift count register must be %cl, not " + registerName(op));
                }
            } else {
                data.add(op);
            }
        }
        checkSameSize(data);
    }

    /** movzbl %al, %eax: the source has the name's size, the destination the suffix's. */
    private void checkExtend() {
        Operand source = operands.get(0);
        Operand destination = operands.get(1);
        if (!(destination instanceof RegisterOperand dest && dest.getMemory() == null)) {
            errors.accept(destination, kind.name() + ": the destination must be a register");
            return;
        }
        expectSize(dest, kind.size(), "destination");
        if (source instanceof RegisterOperand src && src.getMemory() == null) {
            expectSize(src, kind.sourceSize(), "source");
            if (kind.sourceSize() == null && sizeOf(src) == OperandSize.LONG) {
                errors.accept(src, kind.name() + ": the source of a zero/sign extension is 8 or 16 bits");
            }
        } else if (kind.sourceSize() == null) {
            errors.accept(instruction, kind.name() + ": with a memory source write movzbl/movzwl/movsbl/movswl "
                + "so the source size is known");
        }
    }

    /** in/out: the data register is the accumulator of the suffix's size, the port an immediate or %dx. */
    private void checkPort() {
        boolean in = kind.mnemonic() == org.denali.emulator.cpu.decode.Mnemonic.IN;
        Operand port = in ? operands.get(0) : operands.get(operands.size() - 1);
        Operand data = operands.size() == 1 ? null : in ? operands.get(1) : operands.get(0);
        if (!(port instanceof ImmediateOperand || port instanceof RegisterOperand r && "dx".equals(bare(r))
                || isDxAddress(port))) {
            errors.accept(port, kind.name() + ": the port is an immediate ($0x10) or %dx");
        }
        if (data == null) {
            if (kind.size() == null) {
                errors.accept(instruction, kind.name() + ": without a data register write " + kind.name() + "b, "
                    + kind.name() + "w or " + kind.name() + "l");
            }
            return;
        }
        if (!(data instanceof RegisterOperand reg && List.of("al", "ax", "eax").contains(bare(reg)))) {
            errors.accept(data, kind.name() + ": the data operand is %al, %ax or %eax");
            return;
        }
        expectSize(reg, kind.size(), "data register");
    }

    private void expectSize(RegisterOperand op, OperandSize expected, String role) {
        OperandSize actual = sizeOf(op);
        if (expected != null && actual != null && actual != expected) {
            errors.accept(op, kind.name() + ": " + role + " " + registerName(op) + " (" + actual.bits()
                + "-bit) does not match " + expected.describe());
        }
    }

    /** objdump writes the DX port as a memory operand: {@code in (%dx),%al}. */
    private static boolean isDxAddress(Operand op) {
        return op instanceof MemoryOperand m && m.getDisplacement() == null && m.getAddress() != null
            && m.getAddress().getIndex() == null && m.getAddress().getBase() != null
            && "%dx".equalsIgnoreCase(m.getAddress().getBase().getName());
    }

    /** Whether a register in an address is the (%dx) port of in/out rather than a 16-bit address. */
    static boolean isPortAddress(org.denali.lang.asm.asm.RegisterRef ref) {
        Instruction instruction = org.eclipse.xtext.EcoreUtil2.getContainerOfType(ref, Instruction.class);
        if (instruction == null || instruction.getMnemonic() == null) {
            return false;
        }
        var kind = org.denali.lang.asm.isa.InstructionSet.classify(instruction.getMnemonic());
        return kind instanceof Classification.Supported s && s.spec().sizing() == Sizing.PORT
            && ref.eContainer().eContainer() instanceof MemoryOperand m && isDxAddress(m);
    }

    private boolean isMemory(Operand op) {
        return op instanceof MemoryOperand || op instanceof RegisterOperand r && r.getMemory() != null
            || op instanceof IndirectOperand;
    }

    /** Register operands naming general registers (not segment overrides, not memory addresses). */
    private static List<RegisterOperand> generalRegisters(List<Operand> operands) {
        List<RegisterOperand> result = new ArrayList<>();
        for (Operand op : operands) {
            if (op instanceof RegisterOperand r && r.getMemory() == null && sizeOf(r) != null) {
                result.add(r);
            }
        }
        return result;
    }

    private static OperandSize sizeOf(RegisterOperand op) {
        return Registers.lookup(op.getRegister().getName()).filter(r -> r.kind() == RegisterKind.GENERAL)
            .map(Register::size).orElse(null);
    }

    private static String bare(RegisterOperand op) {
        return op.getRegister().getName().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String registerName(RegisterOperand op) {
        return op.getRegister().getName();
    }
}
