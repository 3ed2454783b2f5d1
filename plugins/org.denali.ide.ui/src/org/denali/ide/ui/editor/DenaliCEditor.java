package org.denali.ide.ui.editor;

import org.eclipse.ui.editors.text.TextEditor;

/**
 * The editor for a guest's C sources and headers: a plain {@link TextEditor} (Denali Studio has no C language
 * support: CDT is not available), registered for {@code .c}/{@code .h} so those files open in an editor with a
 * vertical ruler, where double-clicking toggles a Denali line breakpoint and the debugger shows the current line.
 */
public class DenaliCEditor extends TextEditor {
    public static final String ID = "org.denali.ide.ui.cEditor";

    public DenaliCEditor() {
        setRulerContextMenuId("#DenaliCRulerContext");
    }
}
