package org.denali.lang.services;

import java.util.List;

import org.denali.lang.check.DenaliLanguages;
import org.eclipse.xtext.resource.XtextResource;

/**
 * Content assist for Denali assembly: Xtext's ide content assist with
 * {@link org.denali.lang.asm.ide.DenaliAsmIdeContentProposalProvider} (mnemonics of the ISA, virtual
 * instructions, directives, registers, labels, depending on what the grammar expects at the cursor).
 */
public final class AsmCompletions {
    private AsmCompletions() {
    }

    public static List<Proposal> at(XtextResource resource, String text, int offset) {
        return XtextCompletions.at(DenaliLanguages.assembly(), resource, text, offset);
    }
}
