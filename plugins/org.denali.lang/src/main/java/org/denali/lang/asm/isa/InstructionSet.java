package org.denali.lang.asm.isa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Classifies AT&T mnemonics against the Denali ISA: the decoder's instruction kinds (via {@link InstructionSpecs})
 * in gas's spellings, with or without a size suffix; Denali's virtual instructions; and the instructions
 * docs/architecture.md §1.3 excludes, with its reasons.
 */
public final class InstructionSet {
    private InstructionSet() {
    }

    public static Classification classify(String written) {
        String name = written.toLowerCase(Locale.ROOT);
        AttSpellings.Spelling exact = AttSpellings.lookup(name);
        if (exact != null) {
            return supported(name, exact, null);
        }
        var virtual = VirtualInstruction.byMnemonic(name);
        if (virtual.isPresent()) {
            return new Classification.Virtual(name, virtual.get());
        }
        String outside = Ambiguous.reasonFor(name);
        if (outside != null) {
            return new Classification.Outside(name, outside);
        }
        if (name.length() > 1) {
            char last = name.charAt(name.length() - 1);
            OperandSize size = OperandSize.ofSuffix(last);
            String base = name.substring(0, name.length() - 1);
            AttSpellings.Spelling extend = AttSpellings.extendStem(base);
            AttSpellings.Spelling stem = extend != null ? extend : AttSpellings.lookup(base);
            if (size != null && stem != null) {
                InstructionSpec spec = InstructionSpecs.of(stem.mnemonic());
                return spec.allows(size) && stem.impliedSize() == null
                    ? supported(name, stem, size)
                    : new Classification.BadSuffix(name, base, spec, last);
            }
            String baseReason = Ambiguous.reasonFor(base);
            if ((size != null || last == 'q' || last == 's') && baseReason != null) {
                return new Classification.Outside(name, baseReason);
            }
        }
        return new Classification.Unknown(name);
    }

    private static Classification supported(String name, AttSpellings.Spelling spelling, OperandSize suffix) {
        InstructionSpec spec = InstructionSpecs.of(spelling.mnemonic());
        OperandSize size = suffix != null ? suffix : spelling.impliedSize();
        return new Classification.Supported(name, spec, size, spelling.sourceSize());
    }

    /** The subset's mnemonics without suffixes (jne, setne, movzbl's stem movzb ...), for content assist. */
    public static List<String> baseMnemonics() {
        List<String> names = new ArrayList<>(AttSpellings.all().keySet());
        for (String stem : List.of("movzb", "movzw", "movsb", "movsw")) {
            names.add(stem + "l");
        }
        names.add("movzbw");
        names.add("movsbw");
        names.sort(null);
        return names;
    }

    /** Whether a base mnemonic takes the b/w/l suffixes, and which. */
    public static String suffixesOf(String base) {
        AttSpellings.Spelling s = AttSpellings.lookup(base);
        return s == null || s.impliedSize() != null ? "" : InstructionSpecs.of(s.mnemonic()).suffixes();
    }

    public static List<String> conditionCodes() {
        return AttSpellings.CONDITIONS;
    }
}
