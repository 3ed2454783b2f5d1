package org.denali.ide.lsp.editor;

import java.util.List;

import org.denali.ide.lsp.client.ConnectedDocument;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/**
 * The Outline of a document a language server serves: its textDocument/documentSymbol tree (functions, types,
 * globals, macros), refreshed a moment after each edit; selecting a symbol selects its name in the editor.
 */
final class LspOutlinePage extends ContentOutlinePage {
    private static final int DELAY_MILLIS = 500;

    private final ITextEditor editor;
    private final ConnectedDocument document;
    private final Runnable refresh = this::refresh;
    private final Runnable onChange = this::schedule;

    LspOutlinePage(ITextEditor editor, ConnectedDocument document) {
        this.editor = editor;
        this.document = document;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new SymbolContent());
        viewer.setLabelProvider(new SymbolLabels());
        document.addChangeListener(onChange);
        refresh();
    }

    @Override
    public void dispose() {
        document.removeChangeListener(onChange);
        super.dispose();
    }

    private void schedule() {
        Display.getDefault().timerExec(DELAY_MILLIS, refresh);
    }

    private void refresh() {
        DocumentSymbols.request(document).thenAccept(symbols -> Display.getDefault().asyncExec(() -> {
            TreeViewer viewer = getTreeViewer();
            if (viewer != null && !viewer.getControl().isDisposed()) {
                Object[] expanded = viewer.getExpandedElements();
                viewer.setInput(symbols);
                viewer.setExpandedElements(expanded); // symbols are values: the same struct stays open
            }
        }));
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        super.selectionChanged(event);
        if (event.getSelection() instanceof IStructuredSelection selection
                && selection.getFirstElement() instanceof DocumentSymbol symbol) {
            int start = document.offset(symbol.getSelectionRange().getStart());
            int end = document.offset(symbol.getSelectionRange().getEnd());
            editor.selectAndReveal(start, end - start);
        }
    }

    private static final class SymbolContent implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return input instanceof List<?> list ? list.toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof DocumentSymbol symbol && symbol.getChildren() != null
                    ? symbol.getChildren().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return getChildren(element).length > 0;
        }
    }

    static final class SymbolLabels extends LabelProvider {
        @Override
        public String getText(Object element) {
            return element instanceof DocumentSymbol symbol ? DocumentSymbols.label(symbol) : String.valueOf(element);
        }

        @Override
        public Image getImage(Object element) {
            if (!(element instanceof DocumentSymbol symbol)) {
                return null;
            }
            ISharedImages images = PlatformUI.getWorkbench().getSharedImages();
            return symbol.getKind() == SymbolKind.Function || symbol.getKind() == SymbolKind.Method
                    ? images.getImage(ISharedImages.IMG_OBJ_ELEMENT)
                    : symbol.getKind() == SymbolKind.Struct || symbol.getKind() == SymbolKind.Class
                            || symbol.getKind() == SymbolKind.Enum
                            ? images.getImage(ISharedImages.IMG_OBJ_FOLDER)
                            : images.getImage(ISharedImages.IMG_OBJ_FILE);
        }
    }
}
