package org.denali.ide.lsp.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.window.Window;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Rename (Alt+Shift+R): textDocument/rename for the identifier at the caret, applied to this file (what the
 * server knows without a project-wide index); edits the server proposes for other files are not applied.
 */
public class RenameHandler extends AbstractHandler {
    private static final long TIMEOUT_MILLIS = 5000;

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        Optional<ActiveDocument> active = ActiveDocument.of(event);
        if (active.isEmpty()) {
            return null;
        }
        ConnectedDocument document = active.get().document();
        IRegion word = Words.around(document.document(), active.get().caret());
        String oldName;
        try {
            oldName = document.document().get(word.getOffset(), word.getLength());
        } catch (BadLocationException e) {
            return null;
        }
        if (oldName.isEmpty()) {
            return null;
        }
        InputDialog dialog = new InputDialog(HandlerUtil.getActiveShell(event), "Rename",
                "New name for '" + oldName + "':", oldName,
                text -> text.matches("[A-Za-z_][A-Za-z0-9_]*") ? null : "Not a C identifier");
        if (dialog.open() != Window.OK || dialog.getValue().equals(oldName)) {
            return null;
        }
        RenameParams params = new RenameParams(document.identifier(), document.position(word.getOffset()),
                dialog.getValue());
        Optional<WorkspaceEdit> edit = Requests.await(
                document.request(server -> server.getTextDocumentService().rename(params)), TIMEOUT_MILLIS);
        List<TextEdit> edits = new ArrayList<>();
        edit.ifPresent(e -> {
            if (e.getChanges() != null) {
                e.getChanges().forEach((uri, list) -> {
                    if (document.isFile(uri)) {
                        edits.addAll(list);
                    }
                });
            }
            if (e.getDocumentChanges() != null) {
                e.getDocumentChanges().stream().filter(c -> c.isLeft())
                        .filter(c -> document.isFile(c.getLeft().getTextDocument().getUri()))
                        .forEach(c -> c.getLeft().getEdits().forEach(x -> edits.add((TextEdit) x)));
            }
        });
        if (edits.isEmpty()) {
            MessageDialog.openInformation(HandlerUtil.getActiveShell(event), "Rename",
                    "'" + oldName + "' cannot be renamed here (the language server found nothing to rename).");
            return null;
        }
        try {
            TextEdits.apply(active.get().editor(), document.document(), edits);
        } catch (BadLocationException e) {
            throw new ExecutionException("The rename no longer fits the document; rename again", e);
        }
        return null;
    }
}
