package org.denali.lang.services;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.TextRegion;

import com.google.inject.Injector;

/**
 * Content assist through Xtext's ide services: the language's content-assist parser computes what may follow
 * the cursor ({@link ContentAssistContextFactory}), its {@link IdeContentProposalProvider} proposes keywords,
 * cross-references in scope and whatever the language adds.
 */
public final class XtextCompletions {
    /** The context factory parses follow-element alternatives in parallel; one shared daemon pool. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "denali-content-assist");
        t.setDaemon(true);
        return t;
    });

    private XtextCompletions() {
    }

    public static List<Proposal> at(Injector injector, XtextResource resource, String text, int offset) {
        ContentAssistContextFactory factory = injector.getInstance(ContentAssistContextFactory.class);
        factory.setPool(POOL);
        ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, resource);
        IdeContentProposalAcceptor acceptor = injector.getInstance(IdeContentProposalAcceptor.class);
        injector.getInstance(IdeContentProposalProvider.class).createProposals(Arrays.asList(contexts), acceptor);
        // Xtext also proposes what could follow the token under the cursor as if it were complete; in an editor
        // those belong after a space, not glued to the word being typed. Punctuation keywords are noise.
        boolean midWord = offset > 0 && isWordChar(text.charAt(offset - 1));
        List<Proposal> proposals = new ArrayList<>();
        for (ContentAssistEntry entry : acceptor.getEntries()) {
            String prefix = entry.getPrefix() == null ? "" : entry.getPrefix();
            if (midWord && prefix.isEmpty() || entry.getProposal().chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            String label = entry.getLabel() != null ? entry.getLabel() : entry.getProposal();
            proposals.add(new Proposal(entry.getProposal(), label, entry.getDescription(), offset - prefix.length(),
                prefix.length()));
        }
        return proposals;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '%' || c == '$' || c == '-';
    }
}
