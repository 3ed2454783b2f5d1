package org.denali.ide.ui.debug;

import org.eclipse.jface.text.DefaultInformationControl;
import org.eclipse.jface.text.IInformationControlCreator;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextHoverExtension;
import org.eclipse.jface.text.ITextHoverExtension2;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.ui.editors.text.EditorsUI;

/**
 * The C editor's hover: while a Denali VM (or a core's frame) is selected, the value gdb gives for the expression
 * under the mouse ({@link DebugValueHover}) alone, in a plain-text popup of its own; otherwise, or where gdb has no
 * value (a macro, a keyword), the Generic Editor's hovers for C (clangd's).
 * <p>
 * Why not one more Generic Editor hover provider, as it was: when two providers answer (gdb's value and clangd's
 * description of the same variable, i.e. at every variable during a debug session), the Generic Editor shows them in
 * its composite popup, which moves the controls of both popups into one shell; under GTK that popup came up as an
 * empty box (F2) or not at all (mouse), so the value was never seen in the product.
 */
public final class DebugFirstHover implements ITextHover, ITextHoverExtension, ITextHoverExtension2 {
    /** Plain text: a value can hold {@code <symbol>} and HTML would eat it. */
    private static final IInformationControlCreator VALUE_POPUP = parent -> new DefaultInformationControl(parent,
            EditorsUI.getTooltipAffordanceString(), null);

    private final DebugValueHover values = new DebugValueHover();
    private final ITextHover others;
    /** Whether the last answer was a value (its popup) or the other hovers' (theirs); set on the hover thread. */
    private volatile boolean answeredWithValue;

    /** @param others the editor's other hovers (the Generic Editor's for the content type), or null */
    public DebugFirstHover(ITextHover others) {
        this.others = others;
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        // the others remember their regions here (the Generic Editor's composite does), so they are always asked
        IRegion theirs = others != null ? others.getHoverRegion(viewer, offset) : null;
        IRegion expression = DebugValueHover.hasFrame() ? values.getHoverRegion(viewer, offset) : null;
        return expression != null ? expression : theirs;
    }

    @Override
    public Object getHoverInfo2(ITextViewer viewer, IRegion region) {
        String value = region != null ? values.getHoverInfo(viewer, region) : null;
        answeredWithValue = value != null;
        if (value != null || others == null) {
            return value;
        }
        return others instanceof ITextHoverExtension2 rich ? rich.getHoverInfo2(viewer, region)
                : others.getHoverInfo(viewer, region);
    }

    @Override
    @Deprecated
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        Object info = getHoverInfo2(viewer, region);
        return info != null ? info.toString() : null;
    }

    @Override
    public IInformationControlCreator getHoverControlCreator() {
        if (answeredWithValue) {
            return VALUE_POPUP;
        }
        return others instanceof ITextHoverExtension extension ? extension.getHoverControlCreator() : null;
    }
}
