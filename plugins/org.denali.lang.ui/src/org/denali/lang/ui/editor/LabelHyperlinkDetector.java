package org.denali.lang.ui.editor;

import java.io.IOException;

import org.denali.lang.services.AsmNavigation;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.AbstractHyperlinkDetector;
import org.eclipse.jface.text.hyperlink.IHyperlink;

/** Ctrl+click / F3 on a label reference (name, 1b, 1f) jumps to its definition via {@link AsmNavigation}. */
final class LabelHyperlinkDetector extends AbstractHyperlinkDetector {
    private final DenaliEditor editor;

    LabelHyperlinkDetector(DenaliEditor editor) {
        this.editor = editor;
    }

    @Override
    public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultiple) {
        if (!editor.model().isAssembly()) {
            return null;
        }
        try {
            var resource = editor.model().resourceFor(viewer.getDocument().get());
            return AsmNavigation.definitionAt(resource, region.getOffset())
                .map(link -> new IHyperlink[] {new LabelHyperlink(editor, link)}).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** Selects the definition's name. */
    static final class LabelHyperlink implements IHyperlink {
        private final DenaliEditor editor;
        private final AsmNavigation.Link link;

        LabelHyperlink(DenaliEditor editor, AsmNavigation.Link link) {
            this.editor = editor;
            this.link = link;
        }

        @Override
        public IRegion getHyperlinkRegion() {
            return new Region(link.reference().offset(), link.reference().length());
        }

        @Override
        public String getTypeLabel() {
            return "Label";
        }

        @Override
        public String getHyperlinkText() {
            return "Go to label definition";
        }

        @Override
        public void open() {
            editor.selectAndReveal(link.definition().offset(), link.definition().length());
        }
    }
}
