package org.denali.ide.lsp.editor;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.denali.ide.lsp.client.DocumentRegistry;
import org.denali.ide.lsp.client.ServerConnection;
import org.denali.ide.lsp.client.ServerDefinition;
import org.denali.ide.lsp.client.ServerRegistry;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextInputListener;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.reconciler.IReconciler;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;

/**
 * Connects the documents of one Generic Editor viewer to a language server (the Generic Editor installs every
 * {@code reconcilers} contribution into its viewers, which makes this the hook for "a document was opened"):
 * didOpen when a document is shown, didClose when it goes, semantic highlighting while it is shown.
 * Subclasses name the server ({@link ServerDefinition}) for their content type.
 */
public abstract class LanguageServerReconciler implements IReconciler, ITextInputListener {
    private static final Set<LanguageServerReconciler> INSTALLED = Collections.newSetFromMap(new WeakHashMap<>());

    private final ServerDefinition definition;
    private ITextViewer viewer;
    private IDocument connectedDocument;
    private SemanticHighlighter highlighter;

    protected LanguageServerReconciler(ServerDefinition definition) {
        this.definition = definition;
    }

    @Override
    public void install(ITextViewer textViewer) {
        viewer = textViewer;
        viewer.addTextInputListener(this);
        INSTALLED.add(this);
        if (viewer.getDocument() != null) {
            connect(viewer.getDocument());
        }
    }

    @Override
    public void uninstall() {
        INSTALLED.remove(this);
        disconnect();
        if (viewer != null) {
            viewer.removeTextInputListener(this);
        }
    }

    @Override
    public void inputDocumentAboutToBeChanged(IDocument oldInput, IDocument newInput) {
        disconnect();
    }

    @Override
    public void inputDocumentChanged(IDocument oldInput, IDocument newInput) {
        if (newInput != null) {
            connect(newInput);
        }
    }

    @Override
    public IReconcilingStrategy getReconcilingStrategy(String contentType) {
        return null;
    }

    private void connect(IDocument document) {
        Optional<Path> file = DocumentFiles.fileOf(document);
        if (file.isEmpty()) {
            return;
        }
        Optional<IFile> resource = DocumentFiles.resourceOf(file.get());
        ServerConnection connection = resource.isPresent() && resource.get().getProject().getLocation() != null
                ? ServerRegistry.get().connectionFor(definition, resource.get().getProject().getLocation().toPath())
                : ServerRegistry.get().connectionForExternal(definition, file.get());
        ConnectedDocument connected = DocumentRegistry.get().connect(document, file.get(), connection);
        connectedDocument = document;
        highlighter = new SemanticHighlighter(viewer, connected);
        highlighter.start();
        UnavailableServerNotice.documentConnected(connected);
    }

    private void disconnect() {
        if (highlighter != null) {
            highlighter.stop();
            highlighter = null;
        }
        if (connectedDocument != null) {
            DocumentRegistry.get().disconnect(connectedDocument);
            connectedDocument = null;
        }
    }

    /** After the servers were stopped (new preferences): every open viewer connects again, to a new server. */
    public static void reconnectAll() {
        java.util.Map<LanguageServerReconciler, IDocument> shown = new java.util.HashMap<>();
        for (LanguageServerReconciler reconciler : Set.copyOf(INSTALLED)) {
            if (reconciler.connectedDocument != null) {
                shown.put(reconciler, reconciler.connectedDocument);
                reconciler.disconnect();
            }
        }
        shown.forEach(LanguageServerReconciler::connect);
    }
}
