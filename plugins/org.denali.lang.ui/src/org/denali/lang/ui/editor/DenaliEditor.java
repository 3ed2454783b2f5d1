package org.denali.lang.ui.editor;

import java.nio.file.Path;
import java.util.ResourceBundle;

import org.denali.lang.services.Outlines;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.ITextViewerExtension4;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.editors.text.TextEditor;
import org.eclipse.ui.texteditor.ContentAssistAction;
import org.eclipse.ui.texteditor.ITextEditorActionDefinitionIds;
import org.eclipse.ui.views.contentoutline.IContentOutlinePage;

/**
 * The editor for Denali assembly (.S, .s) and deployments (.denali): a platform TextEditor whose viewer is
 * configured by {@link DenaliSourceViewerConfiguration}; which language it edits follows from the file name.
 */
public class DenaliEditor extends TextEditor {
    private DocumentModel model;
    private final SemanticHighlighter highlighter = new SemanticHighlighter();
    private DenaliOutlinePage outline;

    public DenaliEditor() {
        setSourceViewerConfiguration(new DenaliSourceViewerConfiguration(this, getPreferenceStore()));
    }

    @Override
    protected void doSetInput(IEditorInput input) throws CoreException {
        model = new DocumentModel(locationOf(input));
        super.doSetInput(input);
    }

    private static Path locationOf(IEditorInput input) {
        if (input instanceof IFileEditorInput fileInput && fileInput.getFile().getLocation() != null) {
            return fileInput.getFile().getLocation().toFile().toPath();
        }
        if (input instanceof IURIEditorInput uriInput && "file".equals(uriInput.getURI().getScheme())) {
            return Path.of(uriInput.getURI());
        }
        return Path.of(input.getName());
    }

    /** Ctrl+Space: TextEditor has no content assist action of its own. */
    @Override
    protected void createActions() {
        super.createActions();
        ContentAssistAction assist = new ContentAssistAction(
            ResourceBundle.getBundle("org.denali.lang.ui.editor.EditorMessages"), "ContentAssistProposal.",
            this);
        assist.setActionDefinitionId(ITextEditorActionDefinitionIds.CONTENT_ASSIST_PROPOSALS);
        setAction("ContentAssistProposal", assist);
    }

    @Override
    public void createPartControl(Composite parent) {
        super.createPartControl(parent);
        if (getSourceViewer() instanceof ITextViewerExtension4 viewer) {
            viewer.addTextPresentationListener(highlighter);
        }
        if (getSourceViewer() instanceof org.eclipse.jface.viewers.IPostSelectionProvider selections) {
            selections.addPostSelectionChangedListener(new LabelReferenceHighlighter(getSourceViewer(), model));
        }
    }

    DocumentModel model() {
        return model;
    }

    /** The configured viewer and its configuration, for the editor tests (a fragment of this bundle). */
    ISourceViewer viewer() {
        return getSourceViewer();
    }

    DenaliSourceViewerConfiguration configuration() {
        return (DenaliSourceViewerConfiguration) getSourceViewerConfiguration();
    }

    /** The workspace file, if the editor shows one (markers need it). */
    IFile file() {
        return getEditorInput() instanceof IFileEditorInput input ? input.getFile() : null;
    }

    /** Called by the reconciler after each parse: refresh highlighting and outline on the UI thread. */
    void reconciled(DocumentModel.Snapshot snapshot) {
        highlighter.update(snapshot.resource());
        var nodes = Outlines.of(snapshot.resource());
        Display display = getSite().getShell().getDisplay();
        display.asyncExec(() -> {
            ISourceViewer viewer = getSourceViewer();
            if (viewer == null || viewer.getTextWidget() == null || viewer.getTextWidget().isDisposed()) {
                return;
            }
            if (viewer.getDocument() != null && viewer.getDocument().get().equals(snapshot.text())) {
                viewer.invalidateTextPresentation();
            }
            if (outline != null) {
                outline.update(nodes);
            }
        });
    }

    /** The highlighter, for tests: its current style ranges. */
    public java.util.List<org.eclipse.swt.custom.StyleRange> highlightRanges() {
        return highlighter.ranges();
    }

    /** The current parse, for tests and actions. */
    public DocumentModel.Snapshot snapshot() {
        return model.current();
    }

    @Override
    public <T> T getAdapter(Class<T> type) {
        if (IContentOutlinePage.class.equals(type)) {
            if (outline == null) {
                outline = new DenaliOutlinePage(this);
                DocumentModel.Snapshot snapshot = model.current();
                if (snapshot != null) {
                    outline.update(Outlines.of(snapshot.resource()));
                }
            }
            return type.cast(outline);
        }
        return super.getAdapter(type);
    }
}
