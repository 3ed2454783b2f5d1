package org.denali.ide.lsp.editor;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.TextEdit;

/** Source > Format (Ctrl+Shift+F): textDocument/formatting (clangd runs clang-format with the project's style). */
public class FormatHandler extends AbstractHandler {
    private static final long TIMEOUT_MILLIS = 5000;

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Optional<ActiveDocument> active = ActiveDocument.of(event);
        if (active.isEmpty()) {
            return null;
        }
        var document = active.get().document();
        DocumentFormattingParams params = new DocumentFormattingParams(document.identifier(),
                new FormattingOptions(4, true));
        Optional<List<? extends TextEdit>> edits = Requests.await(
                document.request(server -> server.getTextDocumentService().formatting(params)), TIMEOUT_MILLIS);
        if (edits.isPresent()) {
            try {
                TextEdits.apply(active.get().editor(), document.document(), edits.get());
            } catch (BadLocationException e) {
                throw new ExecutionException("The formatting no longer fits the document; format again", e);
            }
        }
        return null;
    }
}
