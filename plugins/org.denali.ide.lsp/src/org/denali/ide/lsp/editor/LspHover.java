package org.denali.ide.lsp.editor;

import java.util.Optional;
import java.util.stream.Collectors;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.denali.ide.lsp.client.DocumentRegistry;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;

/** Hover from textDocument/hover, as plain text: for a function its kind, type, parameters and prototype. */
public class LspHover implements ITextHover {
    private static final long TIMEOUT_MILLIS = 2000;

    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        Optional<ConnectedDocument> connected = DocumentRegistry.get().find(viewer.getDocument());
        if (connected.isEmpty() || connected.get().connection().capabilities() == null) {
            return null;
        }
        ConnectedDocument document = connected.get();
        HoverParams params = new HoverParams(document.identifier(), document.position(region.getOffset()));
        return Requests.await(document.request(server -> server.getTextDocumentService().hover(params)),
                TIMEOUT_MILLIS).map(LspHover::text).filter(text -> !text.isBlank()).orElse(null);
    }

    static String text(Hover hover) {
        if (hover.getContents() == null) {
            return "";
        }
        if (hover.getContents().isRight()) {
            MarkupContent content = hover.getContents().getRight();
            return content.getValue().strip();
        }
        return hover.getContents().getLeft().stream()
                .map(part -> part.isLeft() ? part.getLeft() : part.getRight().getValue())
                .collect(Collectors.joining("\n")).strip();
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return Words.around(viewer.getDocument(), offset);
    }
}
