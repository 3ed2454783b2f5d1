package org.denali.ide.lsp.editor;

import org.denali.ide.lsp.client.DocumentRegistry;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * Gives Generic Editors whose document a language server serves an Outline page (the Generic Editor has no
 * outline of its own; the platform asks the adapter manager when the editor does not answer itself).
 */
public class OutlineAdapterFactory implements IAdapterFactory {
    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType != IContentOutlinePage.class || !(adaptable instanceof ITextEditor editor)
                || editor.getDocumentProvider() == null) {
            return null;
        }
        IDocument document = editor.getDocumentProvider().getDocument(editor.getEditorInput());
        return DocumentRegistry.get().find(document)
                .map(connected -> adapterType.cast(new LspOutlinePage(editor, connected)))
                .orElse(null);
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IContentOutlinePage.class};
    }
}
