package org.denali.ide.lsp.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextPresentationListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.ITextViewerExtension2;
import org.eclipse.jface.text.ITextViewerExtension4;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.widgets.Display;

/**
 * Semantic colouring: asks the server for the document's semantic tokens (textDocument/semanticTokens/full)
 * a moment after each edit and lays their colours over the rule-based colours of the presentation reconciler,
 * through a text presentation listener. An answer for an older version of the document is dropped; a newer
 * request cancels the one still running.
 */
final class SemanticHighlighter implements ITextPresentationListener {
    private static final int DELAY_MILLIS = 250;
    private static final int RETRY_MILLIS = 300;
    private static final int MAX_RETRIES = 100;

    private final ITextViewer viewer;
    private final ConnectedDocument document;
    private final Display display;
    private final Runnable refresh = this::refresh;
    private final Runnable onChange = this::schedule;
    private List<StyleRange> ranges = List.of();
    private CompletableFuture<SemanticTokens> running;
    private int retries;
    private boolean stopped;

    SemanticHighlighter(ITextViewer viewer, ConnectedDocument document) {
        this.viewer = viewer;
        this.document = document;
        this.display = viewer.getTextWidget().getDisplay();
    }

    void start() {
        if (viewer instanceof ITextViewerExtension4 extension) {
            extension.addTextPresentationListener(this);
        }
        document.addChangeListener(onChange);
        display.timerExec(0, refresh);
    }

    void stop() {
        stopped = true;
        document.removeChangeListener(onChange);
        if (viewer instanceof ITextViewerExtension4 extension) {
            extension.removeTextPresentationListener(this);
        }
        if (running != null) {
            running.cancel(true);
        }
        if (!display.isDisposed()) {
            display.timerExec(-1, refresh);
        }
    }

    private void schedule() {
        if (!stopped && !display.isDisposed()) {
            display.timerExec(DELAY_MILLIS, refresh); // rescheduling the same runnable: one request per pause
        }
    }

    private void refresh() {
        if (stopped) {
            return;
        }
        ServerCapabilities capabilities = document.connection().capabilities();
        if (capabilities == null) {
            if (document.connection().unavailableReason() == null && retries++ < MAX_RETRIES) {
                display.timerExec(RETRY_MILLIS, refresh); // still starting
            }
            return;
        }
        if (capabilities.getSemanticTokensProvider() == null) {
            return;
        }
        SemanticTokensLegend legend = capabilities.getSemanticTokensProvider().getLegend();
        if (running != null) {
            running.cancel(true);
        }
        int version = document.version();
        running = document.request(server -> server.getTextDocumentService()
                .semanticTokensFull(new SemanticTokensParams(document.identifier())));
        running.thenAccept(tokens -> display.asyncExec(() -> apply(tokens, legend, version)));
    }

    private void apply(SemanticTokens tokens, SemanticTokensLegend legend, int version) {
        if (stopped || tokens == null || version != document.version() || viewer.getTextWidget() == null
                || viewer.getTextWidget().isDisposed()) {
            return;
        }
        ranges = decode(tokens.getData(), legend);
        if (viewer instanceof ITextViewerExtension2 extension) {
            extension.invalidateTextPresentation(0, document.document().getLength());
        } else {
            viewer.invalidateTextPresentation();
        }
    }

    /** The relative encoding of the LSP: five integers per token, line and start relative to the previous one. */
    private List<StyleRange> decode(List<Integer> data, SemanticTokensLegend legend) {
        List<StyleRange> decoded = new ArrayList<>();
        int line = 0;
        int start = 0;
        for (int i = 0; i + 4 < data.size(); i += 5) {
            int deltaLine = data.get(i);
            line += deltaLine;
            start = deltaLine == 0 ? start + data.get(i + 1) : data.get(i + 1);
            int length = data.get(i + 2);
            int type = data.get(i + 3);
            int modifiers = data.get(i + 4);
            String typeName = type < legend.getTokenTypes().size() ? legend.getTokenTypes().get(type) : "";
            List<String> modifierNames = new ArrayList<>();
            for (int bit = 0; bit < legend.getTokenModifiers().size(); bit++) {
                if ((modifiers & (1 << bit)) != 0) {
                    modifierNames.add(legend.getTokenModifiers().get(bit));
                }
            }
            TextAttribute attribute = SemanticTokenStyles.attributeFor(typeName, modifierNames);
            if (attribute == null) {
                continue;
            }
            int offset = document.offset(new org.eclipse.lsp4j.Position(line, start));
            StyleRange range = new StyleRange(offset, length, attribute.getForeground(), null, attribute.getStyle());
            decoded.add(range);
        }
        return decoded;
    }

    @Override
    public void applyTextPresentation(TextPresentation presentation) {
        IRegion extent = presentation.getExtent();
        int from = extent.getOffset();
        int to = from + extent.getLength();
        for (StyleRange range : ranges) {
            int end = range.start + range.length;
            if (end <= from || range.start >= to) {
                continue;
            }
            StyleRange clipped = (StyleRange) range.clone();
            clipped.start = Math.max(from, range.start);
            clipped.length = Math.min(to, end) - clipped.start;
            presentation.mergeStyleRange(clipped);
        }
    }

    /** The current token colours (for tests and screenshots of what the user sees). */
    List<StyleRange> ranges() {
        return ranges;
    }
}
