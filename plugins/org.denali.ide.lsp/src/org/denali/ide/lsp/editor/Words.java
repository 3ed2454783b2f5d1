package org.denali.ide.lsp.editor;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Region;

/** The identifier around an offset: what hover and hyperlinks underline, what completion replaces. */
final class Words {
    private Words() {
    }

    static IRegion around(IDocument document, int offset) {
        int start = startOf(document, offset);
        int end = offset;
        try {
            while (end < document.getLength() && isPart(document.getChar(end))) {
                end++;
            }
        } catch (BadLocationException e) {
            return new Region(offset, 0);
        }
        return new Region(start, end - start);
    }

    static int startOf(IDocument document, int offset) {
        int start = offset;
        try {
            while (start > 0 && isPart(document.getChar(start - 1))) {
                start--;
            }
        } catch (BadLocationException e) {
            return offset;
        }
        return start;
    }

    private static boolean isPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
