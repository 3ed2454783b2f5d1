package org.denali.lang.services;

import java.util.Optional;

import org.denali.lang.asm.asm.Directive;
import org.denali.lang.asm.asm.Instruction;
import org.denali.lang.asm.asm.NumberLiteral;
import org.denali.lang.asm.isa.Classification;
import org.denali.lang.asm.isa.InstructionSet;
import org.denali.lang.asm.isa.VirtualInstruction;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/** Hover text for instructions (what the Denali ISA makes of them) and the virtual instructions' .byte lines. */
public final class AsmHover {
    private AsmHover() {
    }

    public static Optional<String> at(XtextResource resource, int offset) {
        if (resource.getParseResult() == null) {
            return Optional.empty();
        }
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
        if (leaf == null || leaf.isHidden()) {
            return Optional.empty();
        }
        EObject element = leaf.getSemanticElement();
        Instruction instruction = EcoreUtil2.getContainerOfType(element, Instruction.class);
        if (instruction != null && instruction.getMnemonic() != null) {
            return Optional.of(describe(InstructionSet.classify(instruction.getMnemonic())));
        }
        Directive directive = EcoreUtil2.getContainerOfType(element, Directive.class);
        if (directive != null && ".byte".equals(directive.getName())) {
            return virtualInstruction(directive).map(v -> v.mnemonic() + " — Denali virtual instruction (0F "
                + String.format("%02X", v.bytes().get(1)) + "): " + v.description());
        }
        return Optional.empty();
    }

    static String describe(Classification kind) {
        if (kind instanceof Classification.Supported s) {
            String size = s.size() == null ? "" : ", " + s.size().bits() + "-bit";
            return s.name() + " — Denali ISA (" + s.mnemonic().text() + size + "), "
                + s.spec().describeOperandCount()
                + (s.spec().suffixes().isEmpty() ? "" : "; size suffixes " + s.spec().suffixes());
        }
        if (kind instanceof Classification.Outside o) {
            return o.name() + " — not part of the Denali ISA: " + o.reason() + ". Executing it stops the VM.";
        }
        if (kind instanceof Classification.Virtual v) {
            return v.name() + " — Denali virtual instruction, written " + v.instruction().byteDirective() + ": "
                + v.instruction().description();
        }
        return kind.name() + " — not an instruction of the Denali ISA";
    }

    private static Optional<VirtualInstruction> virtualInstruction(Directive directive) {
        java.util.List<Long> values = new java.util.ArrayList<>();
        for (EObject argument : directive.getArguments()) {
            if (!(argument instanceof NumberLiteral number)) {
                return Optional.empty();
            }
            String text = number.getValue().toLowerCase(java.util.Locale.ROOT);
            values.add(text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text));
        }
        return VirtualInstruction.byBytes(values);
    }
}
