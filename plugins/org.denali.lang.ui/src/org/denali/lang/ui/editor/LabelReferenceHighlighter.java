package org.denali.lang.ui.editor;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.denali.lang.services.AsmNavigation;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.SelectionChangedEvent;

/**
 * Find references in the editor: when the caret rests on a label definition or a reference to it (name, 1b, 1f),
 * the definition and all references ({@link AsmNavigation#referencesAt}) get {@value #TYPE} annotations.
 */
final class LabelReferenceHighlighter implements ISelectionChangedListener {
    static final String TYPE = "org.denali.lang.ui.labelReference";

    private final ISourceViewer viewer;
    private final DocumentModel model;
    private Annotation[] current = new Annotation[0];

    LabelReferenceHighlighter(ISourceViewer viewer, DocumentModel model) {
        this.viewer = viewer;
        this.model = model;
    }

    @Override
    public void selectionChanged(SelectionChangedEvent event) {
        if (event.getSelection() instanceof ITextSelection selection && model.isAssembly()) {
            update(selection.getOffset());
        }
    }

    void update(int offset) {
        IAnnotationModel annotations = viewer.getAnnotationModel();
        if (!(annotations instanceof IAnnotationModelExtension extension) || viewer.getDocument() == null) {
            return;
        }
        List<AsmNavigation.Region> regions;
        try {
            regions = AsmNavigation.referencesAt(model.resourceFor(viewer.getDocument().get()), offset);
        } catch (IOException e) {
            regions = List.of();
        }
        Map<Annotation, Position> added = new HashMap<>();
        for (AsmNavigation.Region region : regions) {
            added.put(new Annotation(TYPE, false, "label reference"), new Position(region.offset(), region.length()));
        }
        extension.replaceAnnotations(current, added);
        current = added.keySet().toArray(Annotation[]::new);
    }
}
