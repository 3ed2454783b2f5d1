package org.denali.ide.ui.debug;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IVariable;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;

import org.denali.ide.core.debug.DenaliWatchExpressionDelegate;
import org.denali.ide.core.debug.ExpressionFrame;

/**
 * The C editor's debug hover: while a Denali VM (or a core's frame) is selected in the Debug view, hovering an
 * identifier (or a selection, e.g. {@code queue[head] + 1}) shows its value as gdb evaluates it in the selected
 * frame. With no Denali debug context it returns null. The Denali C editor asks it first ({@link DebugFirstHover}),
 * before clangd's hover.
 */
public final class DebugValueHover implements ITextHover {
    @Override
    public String getHoverInfo(ITextViewer viewer, IRegion region) {
        ExpressionFrame frame = selectedFrame();
        if (frame == null || region == null || region.getLength() == 0) {
            return null;
        }
        try {
            String expression = viewer.getDocument().get(region.getOffset(), region.getLength()).trim();
            if (expression.isEmpty()) {
                return null;
            }
            IVariable value = frame.expression(expression);
            return expression + " = " + value.getValue().getValueString() + "  (" + value.getReferenceTypeName()
                    + ")";
        } catch (BadLocationException | DebugException e) {
            return null; // not something gdb can evaluate here (a keyword, a macro, a comment)
        }
    }

    @Override
    public IRegion getHoverRegion(ITextViewer viewer, int offset) {
        if (viewer.getSelectionProvider() != null
                && viewer.getSelectionProvider().getSelection() instanceof ITextSelection s && s.getLength() > 0
                && offset >= s.getOffset() && offset <= s.getOffset() + s.getLength()) {
            return new Region(s.getOffset(), s.getLength());
        }
        return expressionAt(viewer.getDocument(), offset);
    }

    /**
     * The C access path around {@code offset}: an identifier with the members it is reached through
     * ({@code req->path}, {@code stats.idles}); hovering {@code path} in {@code req->path} shows the member.
     */
    static IRegion expressionAt(IDocument document, int offset) {
        try {
            int start = offset;
            int end = offset;
            while (end < document.getLength() && Character.isJavaIdentifierPart(document.getChar(end))) {
                end++;
            }
            while (start > 0) {
                char c = document.getChar(start - 1);
                if (Character.isJavaIdentifierPart(c) || c == '.') {
                    start--;
                } else if (c == '>' && start > 1 && document.getChar(start - 2) == '-') {
                    start -= 2;
                } else {
                    break;
                }
            }
            return end > start ? new Region(start, end - start) : null;
        } catch (BadLocationException e) {
            return null;
        }
    }

    /** Whether a frame of a suspended Denali VM or of a core is selected (on the UI thread: cheap). */
    static boolean hasFrame() {
        return selectedFrame() != null;
    }

    /**
     * The selected frame of a suspended Denali VM or of a core; null otherwise (other hovers answer then). The text
     * viewer asks for the hover's text on a thread of its own, where the workbench has no active window and so no
     * debug context: the context is read on the UI thread.
     */
    private static ExpressionFrame selectedFrame() {
        if (Display.getCurrent() == null) {
            AtomicReference<ExpressionFrame> frame = new AtomicReference<>();
            PlatformUI.getWorkbench().getDisplay().syncExec(() -> frame.set(selectedFrame()));
            return frame.get();
        }
        try {
            return DenaliWatchExpressionDelegate.frameOf(DebugUITools.getDebugContext());
        } catch (DebugException e) {
            return null;
        }
    }
}
