package org.denali.ide.lsp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.denali.ide.lsp.c.ClangdPreferences;
import org.denali.ide.lsp.client.ServerRegistry;
import org.denali.ide.lsp.editor.DiagnosticMarkers;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.texteditor.ITextEditor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Without clangd (a name not found on the PATH): the editor still colours C by rules, says once, in an
 * information marker, why there are no diagnostics or completions, and opens no dialog.
 */
class FallbackHighlightingUiTest {
    private static final RGB KEYWORD = new RGB(0x7f, 0x00, 0x55);
    private static final RGB COMMENT = new RGB(0x3f, 0x7f, 0x5f);
    private static final RGB STRING = new RGB(0x2a, 0x00, 0xff);
    private static final RGB DIRECTIVE = new RGB(0x7a, 0x1f, 0x9a);

    private Workbench workbench;

    @BeforeEach
    void withoutClangd() {
        workbench = new Workbench();
        ClangdPreferences.store().setValue(ClangdPreferences.PATH, "clangd-is-not-installed");
        ServerRegistry.get().shutdownAll();
    }

    @AfterEach
    void restore() throws Exception {
        Workbench.closeEverything();
        ClangdPreferences.store().setToDefault(ClangdPreferences.PATH);
        ServerRegistry.get().shutdownAll();
        workbench.assertNoErrorsLogged();
    }

    @Test
    void ruleBasedColoursAndOneQuietNotice() throws Exception {
        IProject project = Workbench.guest("plain", "hello");
        IFile file = project.getFile("hello.c");
        ITextEditor editor = Workbench.open(file);
        IDocument document = Workbench.document(editor);
        Workbench.waitUntil("the notice that clangd is missing", 10_000, () -> notice(file) != null);
        assertTrue(notice(file).getAttribute(IMarker.MESSAGE, "").contains("clangd not found"));
        assertEquals(IMarker.SEVERITY_INFO, notice(file).getAttribute(IMarker.SEVERITY, -1));

        String text = document.get();
        assertEquals(KEYWORD, colour(editor, text.indexOf("int main")));
        assertEquals(KEYWORD, colour(editor, text.indexOf("return 0")));
        assertEquals(STRING, colour(editor, text.indexOf('"') + 1));
        assertEquals(COMMENT, colour(editor, text.indexOf("a minimal Denali guest")));
        assertEquals(DIRECTIVE, colour(editor, text.indexOf("#include")));
        assertNull(colour(editor, text.indexOf("int main") + 5), "no semantic colour without a server");

        Workbench.spin(500);
        Shell[] visible = Arrays.stream(Display.getCurrent().getShells()).filter(Shell::isVisible).toArray(Shell[]::new);
        assertEquals(1, visible.length, "no dialog: " + Arrays.stream(visible).map(Shell::getText).toList());
    }

    private static IMarker notice(IFile file) {
        try {
            return Arrays.stream(file.findMarkers(DiagnosticMarkers.TYPE, false, IResource.DEPTH_ZERO))
                    .findFirst().orElse(null);
        } catch (CoreException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RGB colour(ITextEditor editor, int offset) {
        StyleRange range = Workbench.text(editor).getStyleRangeAtOffset(offset);
        return range == null || range.foreground == null ? null : range.foreground.getRGB();
    }
}
