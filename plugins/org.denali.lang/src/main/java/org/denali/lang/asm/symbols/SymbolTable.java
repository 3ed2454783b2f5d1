package org.denali.lang.asm.symbols;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.denali.lang.asm.asm.Directive;
import org.denali.lang.asm.asm.Label;
import org.denali.lang.asm.asm.Line;
import org.denali.lang.asm.asm.LocalLabelRef;
import org.denali.lang.asm.asm.Program;
import org.denali.lang.asm.asm.SymbolRef;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * The symbols of one assembly file and what each reference resolves to, as gas resolves them: named labels and
 * .set/.equ/.comm symbols are file-wide; a numeric label `1:` is found by `1b` (the nearest one before the
 * reference) and `1f` (the nearest one after). Used by validation, go to definition, find references and
 * content assist.
 */
public final class SymbolTable {
    /** Directives whose first argument defines a symbol. */
    private static final List<String> DEFINING_DIRECTIVES = List.of(".set", ".equ", ".equiv", ".comm", ".lcomm");

    private final Map<String, List<EObject>> definitions = new LinkedHashMap<>();
    private final List<Label> numericLabels = new ArrayList<>();
    private final Map<String, PreprocessorDefines.Define> defines;
    private final Program program;

    private SymbolTable(Program program) {
        this.program = program;
        ICompositeNode root = NodeModelUtils.getNode(program);
        this.defines = PreprocessorDefines.of(root);
        for (Line line : program.getLines()) {
            for (Label label : line.getLabels()) {
                if (isNumeric(label.getName())) {
                    numericLabels.add(label);
                } else if (label.getName() != null) {
                    definitions.computeIfAbsent(label.getName(), k -> new ArrayList<>()).add(label);
                }
            }
            if (line.getStatement() instanceof Directive directive && DEFINING_DIRECTIVES.contains(directive.getName())
                    && !directive.getArguments().isEmpty()
                    && directive.getArguments().get(0) instanceof SymbolRef symbol) {
                definitions.computeIfAbsent(symbol.getName(), k -> new ArrayList<>()).add(symbol);
            }
        }
    }

    public static SymbolTable of(EObject anyElement) {
        return new SymbolTable(EcoreUtil2.getContainerOfType(anyElement, Program.class));
    }

    public static boolean isNumeric(String name) {
        return name != null && !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** The defining element (a Label or the symbol of a .set/.comm) of a named symbol. */
    public Optional<EObject> definition(String name) {
        List<EObject> found = definitions.get(name);
        return found == null ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Names defined more than once (gas: "symbol `x' is already defined"), each with its later definitions. */
    public Map<String, List<EObject>> duplicates() {
        Map<String, List<EObject>> result = new LinkedHashMap<>();
        definitions.forEach((name, list) -> {
            if (list.size() > 1) {
                result.put(name, list.subList(1, list.size()));
            }
        });
        return result;
    }

    public boolean isDefined(String name) {
        return definitions.containsKey(name) || defines.containsKey(name);
    }

    public Map<String, PreprocessorDefines.Define> preprocessorDefines() {
        return defines;
    }

    /** The numeric label a `1b`/`1f` reference means, if there is one. */
    public Optional<Label> resolve(LocalLabelRef ref) {
        String text = ref.getRef();
        String number = text.substring(0, text.length() - 1);
        boolean backwards = text.endsWith("b");
        int at = offsetOf(ref);
        Label best = null;
        for (Label label : numericLabels) {
            if (!number.equals(label.getName())) {
                continue;
            }
            int labelAt = offsetOf(label);
            if (backwards && labelAt < at) {
                best = label; // keep the last one before the reference
            } else if (!backwards && labelAt > at) {
                return Optional.of(label);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Every named label and .set symbol, in file order, for content assist and the outline. */
    public List<String> names() {
        return new ArrayList<>(definitions.keySet());
    }

    /** The references to a label or symbol definition: SymbolRefs by name, LocalLabelRefs by resolution. */
    public List<EObject> referencesTo(EObject definition) {
        List<EObject> refs = new ArrayList<>();
        if (definition instanceof Label label && isNumeric(label.getName())) {
            for (LocalLabelRef ref : EcoreUtil2.getAllContentsOfType(program, LocalLabelRef.class)) {
                if (resolve(ref).orElse(null) == label) {
                    refs.add(ref);
                }
            }
            return refs;
        }
        String name = definition instanceof Label label ? label.getName() : ((SymbolRef) definition).getName();
        for (SymbolRef ref : EcoreUtil2.getAllContentsOfType(program, SymbolRef.class)) {
            if (ref != definition && name.equals(ref.getName())) {
                refs.add(ref);
            }
        }
        return refs;
    }

    /** What a reference (SymbolRef or LocalLabelRef) resolves to in this file. */
    public Optional<EObject> target(EObject reference) {
        if (reference instanceof LocalLabelRef local) {
            return resolve(local).map(EObject.class::cast);
        }
        if (reference instanceof SymbolRef symbol) {
            return definition(symbol.getName());
        }
        return Optional.empty();
    }

    private static int offsetOf(EObject element) {
        ICompositeNode node = NodeModelUtils.getNode(element);
        return node == null ? -1 : node.getOffset();
    }
}
