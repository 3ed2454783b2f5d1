package org.denali.ide.lsp.editor;

import java.util.Optional;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.denali.ide.lsp.client.DocumentRegistry;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.handlers.HandlerUtil;
import org.eclipse.ui.texteditor.ITextEditor;

/** The editor a command runs in and its connected document, if a language server serves it. */
record ActiveDocument(ITextEditor editor, ConnectedDocument document) {

    static Optional<ActiveDocument> of(ExecutionEvent event) {
        IEditorPart part = HandlerUtil.getActiveEditor(event);
        ITextEditor editor = part == null ? null : part.getAdapter(ITextEditor.class);
        if (editor == null || editor.getDocumentProvider() == null) {
            return Optional.empty();
        }
        return DocumentRegistry.get().find(editor.getDocumentProvider().getDocument(editor.getEditorInput()))
                .map(document -> new ActiveDocument(editor, document));
    }

    int caret() {
        return ((ITextSelection) editor.getSelectionProvider().getSelection()).getOffset();
    }
}
