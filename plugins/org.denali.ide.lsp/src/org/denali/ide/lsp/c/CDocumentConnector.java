package org.denali.ide.lsp.c;

import org.denali.ide.lsp.editor.LanguageServerReconciler;

/** Connects C documents shown in the Generic Editor (the Denali C editor) to the project's clangd. */
public class CDocumentConnector extends LanguageServerReconciler {
    public CDocumentConnector() {
        super(ClangdServer.INSTANCE);
    }
}
