package org.denali.lang.ui.editor;

import org.denali.lang.services.HighlightStyles;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;

/** The colour and font style of each highlighting style id. */
final class DenaliColors {
    private DenaliColors() {
    }

    static StyleRange styleFor(String id, int offset, int length) {
        StyleRange range = new StyleRange();
        range.start = offset;
        range.length = length;
        switch (id) {
            case HighlightStyles.COMMENT -> range.foreground = new Color(63, 127, 95);
            case HighlightStyles.KEYWORD -> {
                range.foreground = new Color(127, 0, 85);
                range.fontStyle = SWT.BOLD;
            }
            case HighlightStyles.MNEMONIC -> {
                range.foreground = new Color(0, 0, 192);
                range.fontStyle = SWT.BOLD;
            }
            case HighlightStyles.INVALID_MNEMONIC -> {
                range.foreground = new Color(192, 0, 0);
                range.fontStyle = SWT.BOLD;
                range.strikeout = true;
            }
            case HighlightStyles.REGISTER -> range.foreground = new Color(128, 64, 0);
            case HighlightStyles.DIRECTIVE -> range.foreground = new Color(127, 0, 127);
            case HighlightStyles.LABEL -> {
                range.foreground = new Color(0, 0, 0);
                range.fontStyle = SWT.BOLD;
            }
            case HighlightStyles.NUMBER -> range.foreground = new Color(0, 112, 112);
            case HighlightStyles.STRING -> range.foreground = new Color(42, 0, 255);
            default -> {
                return null;
            }
        }
        return range;
    }
}
