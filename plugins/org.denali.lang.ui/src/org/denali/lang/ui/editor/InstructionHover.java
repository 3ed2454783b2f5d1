package org.denali.lang.ui.editor;

import java.io.IOException;

import org.denali.lang.services.AsmHover;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;

/** Hover documentation for instructions and virtual instructions ({@link AsmHover}). */
final class InstructionHover implements ITextHover {
    private final DocumentModel model;

    InstructionHover(DocumentModel model) {
        this.model = model;
    }

    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        try {
            return AsmHover.at(model.resourceFor(viewer.getDocument().get()), region.getOffset()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The word under the mouse: a zero-length region would close the hover as soon as the mouse moves. */
    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        String text = viewer.getDocument().get();
        int start = offset;
        int end = offset;
        while (start > 0 && isWordChar(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && isWordChar(text.charAt(end))) {
            end++;
        }
        return new Region(start, end - start);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '%' || c == '$';
    }
}
