package org.denali.ide.lsp.client;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.jface.text.IDocument;

/**
 * Which editor documents are connected to which server. Several viewers may show one document (split editors);
 * the server hears didOpen once and didClose when the last viewer lets go. Used on the UI thread.
 */
public final class DocumentRegistry {
    private static final DocumentRegistry INSTANCE = new DocumentRegistry();

    private record Entry(ConnectedDocument document, int users) {
    }

    private final Map<IDocument, Entry> documents = new HashMap<>();

    public static DocumentRegistry get() {
        return INSTANCE;
    }

    public synchronized ConnectedDocument connect(IDocument document, Path file, ServerConnection connection) {
        Entry entry = documents.get(document);
        if (entry != null) {
            documents.put(document, new Entry(entry.document(), entry.users() + 1));
            return entry.document();
        }
        ConnectedDocument connected = new ConnectedDocument(connection, document, file);
        documents.put(document, new Entry(connected, 1));
        connected.open();
        return connected;
    }

    public synchronized void disconnect(IDocument document) {
        Entry entry = documents.get(document);
        if (entry == null) {
            return;
        }
        if (entry.users() > 1) {
            documents.put(document, new Entry(entry.document(), entry.users() - 1));
        } else {
            documents.remove(document);
            entry.document().close();
        }
    }

    public synchronized Optional<ConnectedDocument> find(IDocument document) {
        Entry entry = document == null ? null : documents.get(document);
        return entry == null ? Optional.empty() : Optional.of(entry.document());
    }

    /** The connected document of {@code file} served by {@code connection}, if open. */
    public synchronized Optional<ConnectedDocument> find(String uri) {
        return documents.values().stream().map(Entry::document).filter(d -> d.isFile(uri)).findFirst();
    }

    public synchronized List<ConnectedDocument> all() {
        return documents.values().stream().map(Entry::document).toList();
    }
}
