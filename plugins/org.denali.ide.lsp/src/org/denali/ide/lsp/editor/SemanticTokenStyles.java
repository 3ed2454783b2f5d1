package org.denali.ide.lsp.editor;

import java.util.List;

import org.eclipse.jface.text.TextAttribute;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Display;

/**
 * The colours of semantic tokens, close to what CDT users know: functions dark blue (bold where declared),
 * fields blue, enumerators blue italic, types teal, macros purple, parameters brown. Local variables keep the
 * text colour, as in CDT.
 */
public final class SemanticTokenStyles {
    private SemanticTokenStyles() {
    }

    public static TextAttribute attributeFor(String type, List<String> modifiers) {
        boolean declared = modifiers.contains("declaration") || modifiers.contains("definition");
        return switch (type) {
            case "function", "method" -> new TextAttribute(color(0x00, 0x3e, 0x8a), null, declared ? SWT.BOLD : SWT.NORMAL);
            case "property" -> new TextAttribute(color(0x00, 0x00, 0xc0));
            case "enumMember" -> new TextAttribute(color(0x00, 0x00, 0xc0), null, SWT.ITALIC | SWT.BOLD);
            case "type", "class", "enum", "struct", "interface", "typeParameter", "namespace" ->
                    new TextAttribute(color(0x00, 0x6e, 0x6e));
            case "macro" -> new TextAttribute(color(0x7a, 0x1f, 0x9a));
            case "parameter" -> new TextAttribute(color(0x80, 0x50, 0x00));
            case "variable" -> modifiers.contains("globalScope") || modifiers.contains("fileScope")
                    ? new TextAttribute(color(0x00, 0x00, 0xc0), null, SWT.ITALIC) : null;
            default -> null;
        };
    }

    static Color color(int red, int green, int blue) {
        return new Color(Display.getDefault(), red, green, blue);
    }
}
