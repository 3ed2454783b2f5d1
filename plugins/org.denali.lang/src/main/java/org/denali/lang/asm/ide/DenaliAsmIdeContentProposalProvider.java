package org.denali.lang.asm.ide;

import org.denali.lang.asm.isa.InstructionSet;
import org.denali.lang.asm.isa.Registers;
import org.denali.lang.asm.isa.VirtualInstruction;
import org.denali.lang.asm.symbols.SymbolTable;
import org.denali.lang.asm.validation.Directives;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;

/**
 * Assembly proposals where the grammar expects them: the Denali ISA's mnemonics (with each allowed size
 * suffix) and the virtual instructions' .byte spellings for an instruction's mnemonic, directives for a
 * directive name, general registers for a register, and the file's labels, .set symbols and #defines for a
 * symbol. Keywords (prefixes such as rep, lock) come from Xtext's default behaviour.
 */
public class DenaliAsmIdeContentProposalProvider extends IdeContentProposalProvider {
    private static final int PRIORITY = 500;

    @Override
    protected void _createProposals(Assignment assignment, ContentAssistContext context,
            IIdeContentProposalAcceptor acceptor) {
        String rule = GrammarUtil.containingParserRule(assignment).getName();
        String feature = assignment.getFeature();
        if ("Instruction".equals(rule) && "mnemonic".equals(feature)) {
            for (String base : InstructionSet.baseMnemonics()) {
                propose(base, "Denali ISA instruction", context, acceptor);
                for (char suffix : InstructionSet.suffixesOf(base).toCharArray()) {
                    propose(base + suffix, "Denali ISA instruction", context, acceptor);
                }
            }
            for (VirtualInstruction v : VirtualInstruction.values()) {
                if (v.mnemonic().startsWith(context.getPrefix())) {
                    ContentAssistEntry entry = new ContentAssistEntry();
                    entry.setPrefix(context.getPrefix());
                    entry.setProposal(v.byteDirective() + "  /* " + v.mnemonic() + " */");
                    entry.setLabel(v.mnemonic() + " — Denali virtual instruction (" + v.byteDirective() + ")");
                    entry.setDescription(v.description());
                    acceptor.accept(entry, PRIORITY);
                }
            }
        } else if ("Directive".equals(rule) && "name".equals(feature)) {
            for (String directive : Directives.all()) {
                propose(directive, "directive", context, acceptor);
            }
        } else if ("RegisterRef".equals(rule)) {
            for (var register : Registers.general()) {
                propose("%" + register.name(), register.size().bits() + "-bit register", context, acceptor);
            }
        } else if ("Primary".equals(rule) && "name".equals(feature) && context.getRootModel() != null) {
            SymbolTable symbols = SymbolTable.of(context.getRootModel());
            for (String name : symbols.names()) {
                propose(name, "label in this file", context, acceptor);
            }
            for (String name : symbols.preprocessorDefines().keySet()) {
                propose(name, "#define", context, acceptor);
            }
        } else {
            super._createProposals(assignment, context, acceptor);
        }
    }

    private void propose(String text, String description, ContentAssistContext context,
            IIdeContentProposalAcceptor acceptor) {
        if (text.equals(context.getPrefix())) {
            return;
        }
        ContentAssistEntry entry = getProposalCreator().createProposal(text, context, e -> e.setDescription(description));
        if (entry != null) {
            acceptor.accept(entry, PRIORITY);
        }
    }
}
