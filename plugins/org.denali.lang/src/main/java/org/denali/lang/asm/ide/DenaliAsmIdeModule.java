package org.denali.lang.asm.ide;

import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;

/** The generic ide services of Denali assembly; content assist knows the ISA. */
public class DenaliAsmIdeModule extends AbstractDenaliAsmIdeModule {
    public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
        return DenaliAsmIdeContentProposalProvider.class;
    }
}
