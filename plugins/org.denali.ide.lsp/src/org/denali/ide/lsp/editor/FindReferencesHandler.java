package org.denali.ide.lsp.editor;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.window.Window;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Find References (Ctrl+Shift+G): textDocument/references for the identifier at the caret, listed as
 * {@code file:line: text}; the chosen reference opens.
 */
public class FindReferencesHandler extends AbstractHandler {
    private static final long TIMEOUT_MILLIS = 5000;

    @Override
    public Object execute(ExecutionEvent event) {
        Optional<ActiveDocument> active = ActiveDocument.of(event);
        if (active.isEmpty()) {
            return null;
        }
        var document = active.get().document();
        ReferenceParams params = new ReferenceParams(document.identifier(), document.position(active.get().caret()),
                new ReferenceContext(true));
        List<? extends Location> references = Requests.await(
                document.request(server -> server.getTextDocumentService().references(params)), TIMEOUT_MILLIS)
                .orElse(List.of());
        ElementListSelectionDialog dialog = new ElementListSelectionDialog(HandlerUtil.getActiveShell(event),
                new ReferenceLabels());
        dialog.setTitle("References");
        dialog.setMessage(references.size() + " reference(s); choose one to open it:");
        dialog.setElements(references.toArray());
        dialog.setMultipleSelection(false);
        if (dialog.open() == Window.OK && dialog.getFirstResult() instanceof Location location) {
            LocationOpener.open(location.getUri(), location.getRange());
        }
        return null;
    }

    private static final class ReferenceLabels extends LabelProvider {
        @Override
        public String getText(Object element) {
            if (!(element instanceof Location location)) {
                return String.valueOf(element);
            }
            Path file = Path.of(URI.create(location.getUri()));
            int line = location.getRange().getStart().getLine();
            String text = "";
            try {
                List<String> lines = Files.readAllLines(file);
                text = line < lines.size() ? lines.get(line).strip() : "";
            } catch (IOException e) {
                text = "(unreadable)";
            }
            return file.getFileName() + ":" + (line + 1) + ": " + text;
        }
    }
}
