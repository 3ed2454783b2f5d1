package org.denali.ide.lsp.client;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IDocumentListener;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * An editor document as a language server sees it: didOpen, then one didChange per edit (incremental when the
 * server accepts it, the whole text otherwise), didClose. Edits are captured on the thread that makes them and
 * sent in order through the connection's queue, so the server's view never lags behind a request sent later.
 * LSP positions count UTF-16 units within a line, exactly as {@link IDocument} offsets do.
 */
public final class ConnectedDocument implements IDocumentListener {
    private final ServerConnection connection;
    private final IDocument document;
    private final Path file;
    private final String uri;
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private int version;
    private Range pendingRange;

    ConnectedDocument(ServerConnection connection, IDocument document, Path file) {
        this.connection = connection;
        this.document = document;
        this.file = file;
        this.uri = file.toUri().toString();
    }

    void open() {
        String text = document.get();
        int opened = version;
        String language = connection.definition().languageId();
        connection.notify(server -> server.getTextDocumentService().didOpen(
                new DidOpenTextDocumentParams(new TextDocumentItem(uri, language, opened, text))));
        document.addDocumentListener(this);
    }

    void close() {
        document.removeDocumentListener(this);
        connection.notify(server -> server.getTextDocumentService().didClose(
                new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri))));
    }

    @Override
    public void documentAboutToBeChanged(DocumentEvent event) {
        pendingRange = new Range(position(event.getOffset()), position(event.getOffset() + event.getLength()));
    }

    @Override
    public void documentChanged(DocumentEvent event) {
        int changed = ++version;
        ServerCapabilities capabilities = connection.capabilities();
        boolean incremental = capabilities != null && syncKind(capabilities) == TextDocumentSyncKind.Incremental;
        TextDocumentContentChangeEvent change = incremental
                ? new TextDocumentContentChangeEvent(pendingRange, event.getText() == null ? "" : event.getText())
                : new TextDocumentContentChangeEvent(document.get());
        connection.notify(server -> server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, changed), List.of(change))));
        changeListeners.forEach(Runnable::run);
    }

    private static TextDocumentSyncKind syncKind(ServerCapabilities capabilities) {
        var sync = capabilities.getTextDocumentSync();
        if (sync == null) {
            return TextDocumentSyncKind.Full;
        }
        return sync.isLeft() ? sync.getLeft() : sync.getRight().getChange();
    }

    /** Runs (on the editing thread) after each edit has been queued for the server. */
    public void addChangeListener(Runnable listener) {
        changeListeners.add(listener);
    }

    public void removeChangeListener(Runnable listener) {
        changeListeners.remove(listener);
    }

    public ServerConnection connection() {
        return connection;
    }

    public IDocument document() {
        return document;
    }

    public Path file() {
        return file;
    }

    public String uri() {
        return uri;
    }

    /** The version of the last edit sent; answers computed for an older version may be stale. */
    public int version() {
        return version;
    }

    public TextDocumentIdentifier identifier() {
        return new TextDocumentIdentifier(uri);
    }

    public <T> CompletableFuture<T> request(Function<LanguageServer, CompletableFuture<T>> request) {
        return connection.request(request);
    }

    /** Whether {@code uri} (as a server spells it) names this document's file. */
    public boolean isFile(String otherUri) {
        try {
            return Path.of(URI.create(otherUri)).normalize().equals(file.normalize());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Position position(int offset) {
        return DocumentPositions.position(document, offset);
    }

    /** The document offset of {@code position}, clamped into the document. */
    public int offset(Position position) {
        return DocumentPositions.offset(document, position);
    }

    public static final class DocumentPositions {
        private DocumentPositions() {
        }

        public static Position position(IDocument document, int offset) {
            try {
                int line = document.getLineOfOffset(offset);
                return new Position(line, offset - document.getLineOffset(line));
            } catch (BadLocationException e) {
                int lines = document.getNumberOfLines();
                return new Position(Math.max(0, lines - 1), 0);
            }
        }

        public static int offset(IDocument document, Position position) {
            try {
                if (position.getLine() >= document.getNumberOfLines()) {
                    return document.getLength();
                }
                int lineOffset = document.getLineOffset(position.getLine());
                int lineLength = document.getLineLength(position.getLine());
                return lineOffset + Math.min(position.getCharacter(), lineLength);
            } catch (BadLocationException e) {
                return document.getLength();
            }
        }
    }
}
