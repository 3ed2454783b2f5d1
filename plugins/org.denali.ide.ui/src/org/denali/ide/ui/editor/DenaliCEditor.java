package org.denali.ide.ui.editor;

import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.ITextViewerExtension2;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.internal.genericeditor.ExtensionBasedTextEditor;

import org.denali.ide.ui.debug.DebugFirstHover;

/**
 * The editor for a guest's C sources and headers (content type {@code org.denali.ide.c.source}): the platform's
 * Generic Editor, whose extensions (contributed by {@code org.denali.ide.lsp} for that content type) bring
 * colouring, clangd's diagnostics, content assist, hover, go to definition and the outline; other plug-ins add
 * their own. It keeps this id and its vertical ruler, where double-clicking toggles a Denali line breakpoint
 * (contributed on {@value #RULER_CONTEXT}) and the debugger shows the current line, and its hover asks the debugger
 * first ({@link DebugFirstHover}: a stopped VM's values), then the Generic Editor's hovers (clangd's).
 */
@SuppressWarnings("restriction") // the Generic Editor's class is internal, but made to be reused like this
public class DenaliCEditor extends ExtensionBasedTextEditor {
    public static final String ID = "org.denali.ide.ui.cEditor";
    public static final String RULER_CONTEXT = "#DenaliCRulerContext";

    public DenaliCEditor() {
        setRulerContextMenuId(RULER_CONTEXT);
    }

    @Override
    public void createPartControl(Composite parent) {
        super.createPartControl(parent);
        ISourceViewer viewer = getSourceViewer();
        if (viewer instanceof ITextViewerExtension2 hovers) {
            // C documents have one partition; its hover was the Generic Editor's for the content type
            hovers.setTextHover(new DebugFirstHover(getSourceViewerConfiguration().getTextHover(viewer,
                    IDocument.DEFAULT_CONTENT_TYPE)), IDocument.DEFAULT_CONTENT_TYPE,
                    ITextViewerExtension2.DEFAULT_HOVER_STATE_MASK);
        }
    }
}
