package org.denali.lang.ui.editor;

import java.util.ArrayList;
import java.util.List;

import org.denali.lang.services.DenaliHighlightingCalculator;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextPresentationListener;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Applies the highlighting computed by {@link DenaliHighlightingCalculator} (Xtext ide service) on each
 * reconcile: the ranges are kept and merged into every text presentation the viewer builds, the way Xtext's own
 * semantic highlighting works.
 */
final class SemanticHighlighter implements ITextPresentationListener {
    private final DenaliHighlightingCalculator calculator = new DenaliHighlightingCalculator();
    private volatile List<StyleRange> ranges = List.of();

    /** Recomputes the ranges for a freshly parsed resource (any thread). */
    void update(XtextResource resource) {
        List<StyleRange> computed = new ArrayList<>();
        calculator.provideHighlightingFor(resource, (offset, length, ids) -> {
            StyleRange range = DenaliColors.styleFor(ids[0], offset, length);
            if (range != null) {
                computed.add(range);
            }
        }, CancelIndicator.NullImpl);
        computed.sort((a, b) -> Integer.compare(a.start, b.start));
        ranges = List.copyOf(computed);
    }

    List<StyleRange> ranges() {
        return ranges;
    }

    @Override
    public void applyTextPresentation(TextPresentation presentation) {
        IRegion extent = presentation.getExtent();
        int from = extent.getOffset();
        int to = from + extent.getLength();
        List<StyleRange> inside = new ArrayList<>();
        for (StyleRange range : ranges) {
            if (range.start >= from && range.start + range.length <= to) {
                inside.add((StyleRange) range.clone());
            }
        }
        presentation.mergeStyleRanges(inside.toArray(StyleRange[]::new));
    }
}
