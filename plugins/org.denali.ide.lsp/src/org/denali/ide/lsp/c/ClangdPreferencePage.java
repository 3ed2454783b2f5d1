package org.denali.ide.lsp.c;

import org.denali.ide.lsp.client.ServerRegistry;
import org.denali.ide.lsp.editor.LanguageServerReconciler;
import org.eclipse.jface.preference.BooleanFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;

/**
 * Preferences > Denali > C/C++ Language Server: whether clangd runs, which one, with which options. Applying
 * restarts the servers; open C editors reconnect at once.
 */
public class ClangdPreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {
    public ClangdPreferencePage() {
        super(GRID);
        setPreferenceStore(ClangdPreferences.store());
        setDescription("clangd gives the C editor its diagnostics as you type, content assist, hover, "
                + "go to definition, outline, references, rename, semantic colours and formatting. It reads the "
                + "compile_commands.json every Denali build writes into the project.");
    }

    @Override
    protected void createFieldEditors() {
        addField(new BooleanFieldEditor(ClangdPreferences.ENABLED, "&Use clangd for C sources",
                getFieldEditorParent()));
        addField(new StringFieldEditor(ClangdPreferences.PATH, "clangd &executable (name on PATH or full path):",
                getFieldEditorParent()));
        addField(new StringFieldEditor(ClangdPreferences.OPTIONS, "&Options:", getFieldEditorParent()));
    }

    @Override
    public boolean performOk() {
        boolean ok = super.performOk();
        ServerRegistry.get().shutdownAll();
        LanguageServerReconciler.reconnectAll();
        return ok;
    }

    @Override
    public void init(IWorkbench workbench) {
    }
}
