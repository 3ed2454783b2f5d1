package org.denali.lang.asm.isa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.denali.emulator.cpu.decode.Mnemonic;

/**
 * How GNU as spells the decoder's instruction kinds without a size suffix: mostly the lower-case enum name, plus
 * the AT&T conversion names (cltd, cwtl, movzbl ...), the condition-code families and as's aliases.
 */
final class AttSpellings {

    /** A spelling: the kind it denotes, the size it implies (null: none or from a suffix), the source size of
     *  movzx/movsx (null otherwise). */
    record Spelling(Mnemonic mnemonic, OperandSize impliedSize, OperandSize sourceSize) {
    }

    /** The condition codes as gas accepts them in jcc/setcc/cmovcc. */
    static final List<String> CONDITIONS = List.of("o", "no", "b", "c", "nae", "ae", "nb", "nc", "e", "z", "ne",
        "nz", "be", "na", "a", "nbe", "s", "ns", "p", "pe", "np", "po", "l", "nge", "ge", "nl", "le", "ng", "g",
        "nle");

    private static final Map<String, Spelling> SPELLINGS = new LinkedHashMap<>();
    private static final Map<String, Spelling> EXTEND_STEMS = new LinkedHashMap<>();

    static {
        for (Mnemonic m : Mnemonic.values()) {
            if (InstructionSpecs.of(m) != null) {
                plain(m.name().toLowerCase(Locale.ROOT), m);
            }
        }
        SPELLINGS.remove("setcc");
        SPELLINGS.remove("cmovcc");
        SPELLINGS.remove("jcc");
        for (String cc : CONDITIONS) {
            plain("j" + cc, Mnemonic.JCC);
            plain("set" + cc, Mnemonic.SETCC);
            plain("cmov" + cc, Mnemonic.CMOVCC);
        }
        // objdump's names for the sign/zero extensions: source size in the name, destination as the suffix
        extend("movzb", Mnemonic.MOVZX, OperandSize.BYTE);
        extend("movzw", Mnemonic.MOVZX, OperandSize.WORD);
        extend("movsb", Mnemonic.MOVSX, OperandSize.BYTE);
        extend("movsw", Mnemonic.MOVSX, OperandSize.WORD);
        fixed("cbtw", Mnemonic.CBW, OperandSize.WORD);
        fixed("cbw", Mnemonic.CBW, OperandSize.WORD);
        fixed("cwtl", Mnemonic.CBW, OperandSize.LONG);
        fixed("cwde", Mnemonic.CBW, OperandSize.LONG);
        fixed("cwtd", Mnemonic.CWD, OperandSize.WORD);
        fixed("cwd", Mnemonic.CWD, OperandSize.WORD);
        fixed("cltd", Mnemonic.CWD, OperandSize.LONG);
        fixed("cdq", Mnemonic.CWD, OperandSize.LONG);
        plain("loopz", Mnemonic.LOOPE);
        plain("loopnz", Mnemonic.LOOPNE);
        plain("pause", Mnemonic.NOP);
    }

    private AttSpellings() {
    }

    private static void plain(String name, Mnemonic m) {
        SPELLINGS.put(name, new Spelling(m, null, null));
    }

    private static void fixed(String name, Mnemonic m, OperandSize size) {
        SPELLINGS.put(name, new Spelling(m, size, null));
    }

    private static void extend(String stem, Mnemonic m, OperandSize source) {
        EXTEND_STEMS.put(stem, new Spelling(m, null, source));
    }

    /** movzb/movzw/movsb/movsw: only valid with a destination suffix (movsb alone is the string move). */
    static Spelling extendStem(String base) {
        return EXTEND_STEMS.get(base);
    }

    /** The spelling of a base name (a mnemonic without its size suffix), or null. */
    static Spelling lookup(String base) {
        return SPELLINGS.get(base);
    }

    /** Every base spelling, for content assist. */
    static Map<String, Spelling> all() {
        return SPELLINGS;
    }
}
