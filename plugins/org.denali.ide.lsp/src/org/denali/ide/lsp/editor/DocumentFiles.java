package org.denali.ide.lsp.editor;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.IDocument;

/** Where an editor document lives: its file on disk and, when it is in the workspace, its resource. */
final class DocumentFiles {
    private DocumentFiles() {
    }

    static Optional<Path> fileOf(IDocument document) {
        ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(document);
        if (buffer == null || buffer.getFileStore() == null) {
            return Optional.empty();
        }
        URI uri = buffer.getFileStore().toURI();
        return "file".equals(uri.getScheme()) ? Optional.of(Path.of(uri)) : Optional.empty();
    }

    static Optional<IFile> resourceOf(Path file) {
        IFile[] files = ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(file.toUri());
        for (IFile candidate : files) {
            if (candidate.exists()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
