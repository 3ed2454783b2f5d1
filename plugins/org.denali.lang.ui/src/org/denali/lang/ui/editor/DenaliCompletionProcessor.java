package org.denali.lang.ui.editor;

import java.io.IOException;
import java.util.List;

import org.denali.lang.services.AsmCompletions;
import org.denali.lang.services.DeployCompletions;
import org.denali.lang.services.Proposal;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;

/** Content assist: the proposals of {@link AsmCompletions} / {@link DeployCompletions} as jface proposals. */
final class DenaliCompletionProcessor implements IContentAssistProcessor {
    private final DocumentModel model;
    private String error;

    DenaliCompletionProcessor(DocumentModel model) {
        this.model = model;
    }

    @Override
    public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
        String text = viewer.getDocument().get();
        try {
            var resource = model.resourceFor(text);
            List<Proposal> proposals = model.isAssembly() ? AsmCompletions.at(resource, text, offset)
                : DeployCompletions.at(resource, text, offset);
            error = proposals.isEmpty() ? "no proposals" : null;
            return proposals.stream().map(p -> new CompletionProposal(p.text(), p.offset(), p.length(),
                p.text().length(), null, p.display(), null, p.description())).toArray(ICompletionProposal[]::new);
        } catch (IOException e) {
            error = e.getMessage();
            return new ICompletionProposal[0];
        }
    }

    @Override
    public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
        return null;
    }

    @Override
    public char[] getCompletionProposalAutoActivationCharacters() {
        return new char[] {'%', '.'};
    }

    @Override
    public char[] getContextInformationAutoActivationCharacters() {
        return null;
    }

    @Override
    public String getErrorMessage() {
        return error;
    }

    @Override
    public IContextInformationValidator getContextInformationValidator() {
        return null;
    }
}
