package org.denali.ide.lsp.editor;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.denali.ide.lsp.LspPlugin;
import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.lsp4j.Range;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.texteditor.ITextEditor;

/**
 * Opens a location a server named (a definition, a reference): a workspace file in its editor, anything else
 * (an SDK header or libilwaco source) as an external file, then selects the range.
 */
public final class LocationOpener {
    private LocationOpener() {
    }

    public static void open(String uri, Range range) {
        IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
        try {
            Path file = Path.of(URI.create(uri));
            Optional<IFile> resource = DocumentFiles.resourceOf(file);
            IEditorPart editor = resource.isPresent() ? IDE.openEditor(page, resource.get())
                    : IDE.openEditorOnFileStore(page, EFS.getLocalFileSystem().getStore(file.toUri()));
            ITextEditor text = editor == null ? null : editor.getAdapter(ITextEditor.class);
            if (text != null && range != null) {
                IDocument document = text.getDocumentProvider().getDocument(text.getEditorInput());
                int start = org.denali.ide.lsp.client.ConnectedDocument.DocumentPositions.offset(document, range.getStart());
                int end = org.denali.ide.lsp.client.ConnectedDocument.DocumentPositions.offset(document, range.getEnd());
                text.selectAndReveal(start, end - start);
            }
        } catch (CoreException | IllegalArgumentException e) {
            LspPlugin.warn("Cannot open " + uri + ": " + e.getMessage(), null);
        }
    }
}
