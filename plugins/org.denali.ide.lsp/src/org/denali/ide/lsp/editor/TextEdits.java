package org.denali.ide.lsp.editor;

import java.util.Comparator;
import java.util.List;

import org.denali.ide.lsp.client.ConnectedDocument.DocumentPositions;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRewriteTarget;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.ui.texteditor.ITextEditor;

/** Applies a server's text edits to a document as one undoable change (last edit first, so offsets hold). */
final class TextEdits {
    private TextEdits() {
    }

    static int apply(ITextEditor editor, IDocument document, List<? extends TextEdit> edits)
            throws BadLocationException {
        record Located(int start, int end, String text) {
        }
        List<Located> located = edits.stream()
                .map(e -> new Located(DocumentPositions.offset(document, e.getRange().getStart()),
                        DocumentPositions.offset(document, e.getRange().getEnd()), e.getNewText()))
                .sorted(Comparator.comparingInt(Located::start).reversed())
                .toList();
        IRewriteTarget target = editor == null ? null : editor.getAdapter(IRewriteTarget.class);
        if (target != null) {
            target.beginCompoundChange();
        }
        try {
            for (Located edit : located) {
                document.replace(edit.start(), edit.end() - edit.start(), edit.text());
            }
        } finally {
            if (target != null) {
                target.endCompoundChange();
            }
        }
        return located.size();
    }
}
