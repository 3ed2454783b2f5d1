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

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        return new Region(offset, 0);
    }
}
