package org.denali.lang.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.denali.lang.asm.asm.Label;
import org.denali.lang.asm.asm.LocalLabelRef;
import org.denali.lang.asm.asm.SymbolRef;
import org.denali.lang.asm.symbols.SymbolTable;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

/** Go to definition and find references for labels (incl. 1b/1f and .set symbols) in one assembly file. */
public final class AsmNavigation {
    /** A text range. */
    public record Region(int offset, int length) {
    }

    private AsmNavigation() {
    }

    /** The reference under the cursor and the definition it resolves to. */
    public record Link(Region reference, Region definition) {
    }

    public static Optional<Link> definitionAt(XtextResource resource, int offset) {
        EObject element = elementAt(resource, offset);
        if (!(element instanceof SymbolRef || element instanceof LocalLabelRef)) {
            return Optional.empty();
        }
        return SymbolTable.of(element).target(element)
            .map(target -> new Link(regionOf(element), nameRegion(target)));
    }

    /** The references to the label at or referenced at the offset, the definition first. */
    public static List<Region> referencesAt(XtextResource resource, int offset) {
        EObject element = elementAt(resource, offset);
        if (element == null) {
            return List.of();
        }
        SymbolTable symbols = SymbolTable.of(element);
        EObject definition = element instanceof Label ? element : symbols.target(element).orElse(null);
        if (definition == null) {
            return List.of();
        }
        List<Region> regions = new ArrayList<>();
        regions.add(nameRegion(definition));
        for (EObject ref : symbols.referencesTo(definition)) {
            regions.add(regionOf(ref));
        }
        return regions;
    }

    private static EObject elementAt(XtextResource resource, int offset) {
        if (resource.getParseResult() == null) {
            return null;
        }
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(resource.getParseResult().getRootNode(), offset);
        if (leaf == null || leaf.isHidden()) {
            return null;
        }
        return leaf.getSemanticElement();
    }

    private static Region regionOf(EObject element) {
        INode node = NodeModelUtils.findActualNodeFor(element);
        return new Region(node.getOffset(), node.getLength());
    }

    /** The name part of a label definition (without the colon). */
    private static Region nameRegion(EObject definition) {
        INode node = NodeModelUtils.findActualNodeFor(definition);
        if (definition instanceof Label label) {
            return new Region(node.getOffset(), label.getName().length());
        }
        return new Region(node.getOffset(), node.getLength());
    }
}
