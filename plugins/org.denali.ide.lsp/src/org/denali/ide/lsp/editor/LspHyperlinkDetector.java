package org.denali.ide.lsp.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.denali.ide.lsp.client.DocumentRegistry;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.lsp4j.DeclarationParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Go to definition / declaration (F3, Ctrl+click) from textDocument/definition and textDocument/declaration.
 * The definition comes first, so F3 opens it; where the server knows only a declaration (a function of
 * libilwaco seen through its header) that is where F3 goes.
 */
public class LspHyperlinkDetector extends AbstractHyperlinkDetector {
    private static final long TIMEOUT_MILLIS = 2000;

    @Override
    public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
        Optional<ConnectedDocument> connected = DocumentRegistry.get().find(viewer.getDocument());
        if (connected.isEmpty() || connected.get().connection().capabilities() == null) {
            return null;
        }
        ConnectedDocument document = connected.get();
        IRegion word = Words.around(viewer.getDocument(), region.getOffset());
        if (word.getLength() == 0) {
            return null;
        }
        List<IHyperlink> links = new ArrayList<>();
        var position = document.position(region.getOffset());
        Requests.await(document.request(server -> server.getTextDocumentService()
                .definition(new DefinitionParams(document.identifier(), position))), TIMEOUT_MILLIS)
                .ifPresent(answer -> add(links, word, "Open Definition", answer));
        if (canShowMultipleHyperlinks || links.isEmpty()) {
            Requests.await(document.request(server -> server.getTextDocumentService()
                    .declaration(new DeclarationParams(document.identifier(), position))), TIMEOUT_MILLIS)
                    .ifPresent(answer -> add(links, word, "Open Declaration", answer));
        }
        return links.isEmpty() ? null : links.toArray(IHyperlink[]::new);
    }

    private static void add(List<IHyperlink> links, IRegion word, String label,
                            Either<List<? extends Location>, List<? extends LocationLink>> answer) {
        if (answer.isLeft()) {
            answer.getLeft().forEach(l -> links.add(new LocationHyperlink(word, label, l.getUri(), l.getRange())));
        } else {
            answer.getRight().forEach(l -> links.add(new LocationHyperlink(word, label, l.getTargetUri(),
                    l.getTargetSelectionRange())));
        }
    }

    /** A link to a place a server named. */
    record LocationHyperlink(IRegion getHyperlinkRegion, String label, String uri, Range range) implements IHyperlink {
        @Override
        public String getTypeLabel() {
            return label;
        }

        @Override
        public String getHyperlinkText() {
            String file = uri.substring(uri.lastIndexOf('/') + 1);
            return label + " (" + file + ":" + (range.getStart().getLine() + 1) + ")";
        }

        @Override
        public void open() {
            LocationOpener.open(uri, range);
        }
    }
}
