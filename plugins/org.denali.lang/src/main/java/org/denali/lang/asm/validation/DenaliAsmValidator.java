package org.denali.lang.asm.validation;

import java.util.List;

import org.denali.lang.asm.asm.Address;
import org.denali.lang.asm.asm.AsmPackage;
import org.denali.lang.asm.asm.Directive;
import org.denali.lang.asm.asm.Instruction;
import org.denali.lang.asm.asm.LocalLabelRef;
import org.denali.lang.asm.asm.Prefix;
import org.denali.lang.asm.asm.Program;
import org.denali.lang.asm.asm.RegisterRef;
import org.denali.lang.asm.asm.SymbolRef;
import org.denali.lang.asm.isa.Classification;
import org.denali.lang.asm.isa.Registers;
import org.denali.lang.asm.isa.Registers.Register;
import org.denali.lang.asm.isa.RegisterKind;
import org.denali.lang.asm.symbols.SymbolTable;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.validation.Check;

/**
 * Checks Denali assembly against docs/architecture.md: instructions outside the subset (with the specification's
 * reason), unknown mnemonics, operand count and size-suffix mismatches ({@link OperandRules}), registers the ISA
 * does not have, 16-bit addressing, and labels that cannot resolve. Symbols that are not defined in the file and
 * are not assembler-local (.L names, 1b/1f) are external, as for gas, and resolved by the linker.
 */
public class DenaliAsmValidator extends AbstractDenaliAsmValidator {

    @Check
    public void checkInstruction(Instruction instruction) {
        for (Prefix prefix : instruction.getPrefixes()) {
            if ("addr16".equals(prefix.getName())) {
                error("addr16: 16-bit addressing is not supported (the 67 prefix is #UD)", prefix,
                    AsmPackage.Literals.PREFIX__NAME);
            }
        }
        String mnemonic = instruction.getMnemonic();
        if (mnemonic == null || SymbolTable.of(instruction).preprocessorDefines().containsKey(mnemonic)) {
            return; // a prefix alone ("rep;") or a cpp macro expanding to something we cannot see
        }
        Classification kind = org.denali.lang.asm.isa.InstructionSet.classify(mnemonic);
        // (Java 17: no pattern matching in switch yet)
        if (kind instanceof Classification.Supported supported) {
            new OperandRules(supported, instruction, this::operandError).check();
            if (supported.mnemonic() == org.denali.emulator.cpu.decode.Mnemonic.INT) {
                warning(supported.name() + ": " + org.denali.lang.asm.isa.Ambiguous.SOFTWARE_INTERRUPT, instruction,
                    AsmPackage.Literals.INSTRUCTION__MNEMONIC);
            }
        } else if (kind instanceof Classification.BadSuffix bad) {
            mnemonicError(instruction, bad.name() + ": " + bad.base() + " takes no '" + bad.suffix() + "' suffix"
                + allowed(bad.spec().suffixes()));
        } else if (kind instanceof Classification.Virtual virtual) {
            mnemonicError(instruction, virtual.name() + ": GNU as has no mnemonic for Denali's virtual instruction; "
                + "write " + virtual.instruction().byteDirective());
        } else if (kind instanceof Classification.Outside outside) {
            mnemonicError(instruction, outside.name() + ": not part of the Denali ISA, " + outside.reason());
        } else {
            mnemonicError(instruction, "unknown instruction '" + kind.name() + "'");
        }
    }

    private static String allowed(String suffixes) {
        return suffixes.isEmpty() ? " (it takes no size suffix)" : " (allowed: " + String.join(", ",
            suffixes.chars().mapToObj(c -> String.valueOf((char) c)).toList()) + ")";
    }

    private void mnemonicError(Instruction instruction, String message) {
        error(message, instruction, AsmPackage.Literals.INSTRUCTION__MNEMONIC);
    }

    private void operandError(EObject where, String message) {
        error(message, where, null);
    }

    @Check
    public void checkRegister(RegisterRef ref) {
        var register = Registers.lookup(ref.getName());
        if (register.isEmpty()) {
            error("unknown register " + ref.getName(), ref, AsmPackage.Literals.REGISTER_REF__NAME);
            return;
        }
        Register r = register.get();
        Instruction instruction = EcoreUtil2.getContainerOfType(ref, Instruction.class);
        String name = instruction == null || instruction.getMnemonic() == null ? ref.getName()
            : instruction.getMnemonic();
        if (instruction != null && instruction.getMnemonic() != null
                && !(org.denali.lang.asm.isa.InstructionSet.classify(instruction.getMnemonic())
                    instanceof Classification.Supported)) {
            return; // the mnemonic is already reported; its registers would only repeat why
        }
        switch (r.kind()) {
            case SEGMENT -> {
                if (!(ref.eContainer() instanceof org.denali.lang.asm.asm.RegisterOperand op && op.getMemory() != null)) {
                    error(name + " " + ref.getName() + ": not part of the Denali ISA, "
                        + "segmentation is not exposed in the Denali flat model", ref, null);
                }
                // a segment override (%es:(%edi)) is accepted and has no effect (§1.2, prefixes)
            }
            case SYSTEM -> error(name + " " + ref.getName() + ": not part of the Denali ISA, "
                + "control/debug registers are privileged", ref, null);
            case FLOATING_POINT_OR_VECTOR -> error(ref.getName() + ": not part of the Denali ISA, "
                + "x87/MMX/SSE registers do not exist in version 1", ref, null);
            case GENERAL, PSEUDO -> {
            }
        }
        if (ref.eContainer() instanceof Address && r.kind() == RegisterKind.GENERAL && !OperandRules.isPortAddress(ref)
                && r.size() != org.denali.lang.asm.isa.OperandSize.LONG) {
            error("16-bit addressing with " + ref.getName() + " is not supported (the 67 prefix is #UD)", ref, null);
        }
    }

    @Check
    public void checkLocalLabelReference(LocalLabelRef ref) {
        if (SymbolTable.of(ref).resolve(ref).isEmpty()) {
            String number = ref.getRef().substring(0, ref.getRef().length() - 1);
            String where = ref.getRef().endsWith("b") ? "before" : "after";
            error("undefined local label " + ref.getRef() + ": no '" + number + ":' " + where + " this line", ref,
                AsmPackage.Literals.LOCAL_LABEL_REF__REF);
        }
    }

    @Check
    public void checkSymbolReference(SymbolRef ref) {
        String name = ref.getName();
        if (name != null && name.startsWith(".L") && !SymbolTable.of(ref).isDefined(name)) {
            error("undefined label " + name + " (.L labels are local to this file)", ref,
                AsmPackage.Literals.SYMBOL_REF__NAME);
        }
    }

    @Check
    public void checkDuplicateLabels(Program program) {
        SymbolTable.of(program).duplicates().forEach((name, later) -> {
            for (EObject definition : later) {
                error("symbol '" + name + "' is already defined", definition, null);
            }
        });
    }

    @Check
    public void checkDirective(Directive directive) {
        String name = directive.getName();
        if (List.of(".code16", ".code16gcc", ".code64").contains(name)) {
            error(name + ": Denali guests are 32-bit code", directive, AsmPackage.Literals.DIRECTIVE__NAME);
        } else if (".intel_syntax".equals(name)) {
            error(".intel_syntax: Denali assembly is written in AT&T syntax", directive,
                AsmPackage.Literals.DIRECTIVE__NAME);
        } else if (!Directives.isKnown(name)) {
            warning("unknown directive " + name, directive, AsmPackage.Literals.DIRECTIVE__NAME);
        }
    }
}
