package org.denali.lang.services;

import org.denali.lang.asm.asm.Directive;
import org.denali.lang.asm.asm.Instruction;
import org.denali.lang.asm.asm.Label;
import org.denali.lang.asm.asm.Prefix;
import org.denali.lang.asm.isa.Classification;
import org.denali.lang.asm.isa.InstructionSet;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Highlighting for both Denali languages from the parse tree: comments and cpp lines, keywords, numbers,
 * strings, registers, directives, labels, and mnemonics, which are coloured as invalid when the Denali ISA does
 * not have them (the same classification the validator uses).
 */
public class DenaliHighlightingCalculator implements ISemanticHighlightingCalculator {

    @Override
    public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
            CancelIndicator cancelIndicator) {
        if (resource == null || resource.getParseResult() == null) {
            return;
        }
        for (ILeafNode leaf : resource.getParseResult().getRootNode().getLeafNodes()) {
            if (cancelIndicator.isCanceled()) {
                return;
            }
            String style = styleOf(leaf);
            if (style != null && leaf.getLength() > 0) {
                acceptor.addPosition(leaf.getOffset(), leaf.getLength(), style);
            }
        }
    }

    private static String styleOf(ILeafNode leaf) {
        EObject grammar = leaf.getGrammarElement();
        if (leaf.isHidden()) {
            return grammar instanceof TerminalRule rule && rule.getName().endsWith("COMMENT") ? HighlightStyles.COMMENT
                : null;
        }
        EObject semantic = leaf.getSemanticElement();
        if (grammar instanceof Keyword keyword) {
            return semantic instanceof Prefix || Character.isLetter(keyword.getValue().charAt(0))
                ? HighlightStyles.KEYWORD : null;
        }
        String terminal = grammar instanceof RuleCall call ? call.getRule().getName() : "";
        String feature = featureOf(leaf);
        if (semantic instanceof Instruction instruction && "mnemonic".equals(feature)) {
            return InstructionSet.classify(instruction.getMnemonic()) instanceof Classification.Supported
                ? HighlightStyles.MNEMONIC : HighlightStyles.INVALID_MNEMONIC;
        }
        if (semantic instanceof Directive && "name".equals(feature)) {
            return HighlightStyles.DIRECTIVE;
        }
        if (semantic instanceof Label) {
            return HighlightStyles.LABEL;
        }
        return switch (terminal) {
            case "REGISTER" -> HighlightStyles.REGISTER;
            case "INT", "HEX", "BIN", "CHAR", "Number" -> HighlightStyles.NUMBER;
            case "STRING" -> HighlightStyles.STRING;
            default -> null;
        };
    }

    private static String featureOf(INode leaf) {
        for (INode node = leaf; node != null; node = node.getParent()) {
            if (node.getGrammarElement() instanceof Assignment assignment) {
                return assignment.getFeature();
            }
            EObject element = node.getGrammarElement();
            if (element != null && element.eContainer() instanceof Assignment assignment) {
                return assignment.getFeature();
            }
        }
        return null;
    }
}
