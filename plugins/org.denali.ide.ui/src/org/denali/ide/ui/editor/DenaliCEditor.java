package org.denali.ide.ui.editor;

import org.eclipse.ui.internal.genericeditor.ExtensionBasedTextEditor;

/**
 * The editor for a guest's C sources and headers (content type {@code org.denali.ide.c.source}): the platform's
 * Generic Editor, whose extensions (contributed by {@code org.denali.ide.lsp} for that content type) bring
 * colouring, clangd's diagnostics, content assist, hover, go to definition and the outline; other plug-ins add
 * their own (the debugger's hover). It keeps this id and its vertical ruler, where double-clicking toggles a
 * Denali line breakpoint (contributed on {@value #RULER_CONTEXT}) and the debugger shows the current line.
 */
@SuppressWarnings("restriction") // the Generic Editor's class is internal, but made to be reused like this
public class DenaliCEditor extends ExtensionBasedTextEditor {
    public static final String ID = "org.denali.ide.ui.cEditor";
    public static final String RULER_CONTEXT = "#DenaliCRulerContext";

    public DenaliCEditor() {
        setRulerContextMenuId(RULER_CONTEXT);
    }
}
