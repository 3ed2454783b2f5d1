package org.denali.ide.lsp.c;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;

/** The rule-based colours of C, the ones Eclipse users know from Java and CDT. */
public final class CColors {
    public static final Color KEYWORD = color(0x7f, 0x00, 0x55);
    public static final Color COMMENT = color(0x3f, 0x7f, 0x5f);
    public static final Color STRING = color(0x2a, 0x00, 0xff);
    public static final Color DIRECTIVE = color(0x7a, 0x1f, 0x9a);
    public static final Color NUMBER = color(0x00, 0x00, 0x00);

    private CColors() {
    }

    private static Color color(int red, int green, int blue) {
        return new Color(Display.getDefault(), red, green, blue);
    }
}
