package org.denali.lang.ui.editor;

import java.io.IOException;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;

/**
 * Runs after typing pauses (jface reconciler thread): parses and validates the whole document, publishes the
 * problems as markers, and tells the editor to refresh highlighting and outline.
 */
final class DenaliReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {
    private final DenaliEditor editor;
    private IDocument document;

    DenaliReconcilingStrategy(DenaliEditor editor) {
        this.editor = editor;
    }

    @Override
    public void setDocument(IDocument document) {
        this.document = document;
    }

    @Override
    public void setProgressMonitor(IProgressMonitor monitor) {
    }

    @Override
    public void initialReconcile() {
        reconcileAll();
    }

    @Override
    public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
        reconcileAll();
    }

    @Override
    public void reconcile(IRegion partition) {
        reconcileAll();
    }

    private void reconcileAll() {
        if (document == null) {
            return;
        }
        try {
            DocumentModel.Snapshot snapshot = editor.model().validate(document.get());
            IFile file = editor.file();
            if (file != null) {
                ProblemMarkers.replace(file, snapshot.problems());
            }
            editor.reconciled(snapshot);
        } catch (IOException | CoreException | RuntimeException | LinkageError e) {
            // logged, not thrown: an exception would end the reconciler thread and the editor would go stale
            ILog.of(getClass()).error("Denali validation failed", e);
        }
    }
}
