package org.denali.ide.lsp.editor;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.window.Window;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/** Quick Outline (Ctrl+O): the document's symbols in a filtering list; the chosen one is selected in the editor. */
public class QuickOutlineHandler extends AbstractHandler {
    private static final long TIMEOUT_MILLIS = 3000;

    @Override
    public Object execute(ExecutionEvent event) {
        Optional<ActiveDocument> active = ActiveDocument.of(event);
        if (active.isEmpty()) {
            return null;
        }
        var document = active.get().document();
        List<DocumentSymbol> symbols = Requests.await(DocumentSymbols.request(document), TIMEOUT_MILLIS)
                .map(DocumentSymbols::flatten).orElse(List.of());
        ElementListSelectionDialog dialog = new ElementListSelectionDialog(HandlerUtil.getActiveShell(event),
                new LspOutlinePage.SymbolLabels());
        dialog.setTitle("Quick Outline");
        dialog.setMessage("Type to filter the symbols of " + document.file().getFileName() + ":");
        dialog.setElements(symbols.toArray());
        dialog.setMultipleSelection(false);
        if (dialog.open() == Window.OK && dialog.getFirstResult() instanceof DocumentSymbol symbol) {
            int start = document.offset(symbol.getSelectionRange().getStart());
            int end = document.offset(symbol.getSelectionRange().getEnd());
            active.get().editor().selectAndReveal(start, end - start);
        }
        return null;
    }
}
