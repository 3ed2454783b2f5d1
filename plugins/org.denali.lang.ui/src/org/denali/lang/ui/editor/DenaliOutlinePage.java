package org.denali.lang.ui.editor;

import java.util.List;

import org.denali.lang.services.OutlineNode;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.views.contentoutline.ContentOutlinePage;

/** The Outline view's page for a Denali editor: sections and labels, or a deployment's parts. */
public final class DenaliOutlinePage extends ContentOutlinePage {
    private final DenaliEditor editor;
    private List<OutlineNode> roots = List.of();

    DenaliOutlinePage(DenaliEditor editor) {
        this.editor = editor;
    }

    @Override
    public void createControl(Composite parent) {
        super.createControl(parent);
        TreeViewer viewer = getTreeViewer();
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return roots.toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                return ((OutlineNode) parent).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return !((OutlineNode) element).children().isEmpty();
            }
        });
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                return ((OutlineNode) element).label();
            }
        });
        viewer.addSelectionChangedListener(event -> {
            if (event.getSelection() instanceof IStructuredSelection s && s.getFirstElement() instanceof OutlineNode n) {
                editor.selectAndReveal(n.offset(), 0);
            }
        });
        viewer.setInput(this);
        viewer.expandAll();
    }

    /** Shows a new outline (UI thread). */
    void update(List<OutlineNode> nodes) {
        roots = nodes;
        TreeViewer viewer = getTreeViewer();
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.refresh();
            viewer.expandAll();
        }
    }

    /** The labels shown at the top level and below, for tests. */
    public List<OutlineNode> roots() {
        return roots;
    }
}
