package org.denali.emulator.cpu;

import static org.denali.emulator.cpu.decode.Mnemonic.AND;
import static org.denali.emulator.cpu.decode.Mnemonic.BSF;
import static org.denali.emulator.cpu.decode.Mnemonic.BSR;
import static org.denali.emulator.cpu.decode.Mnemonic.BT;
import static org.denali.emulator.cpu.decode.Mnemonic.BTC;
import static org.denali.emulator.cpu.decode.Mnemonic.BTR;
import static org.denali.emulator.cpu.decode.Mnemonic.BTS;
import static org.denali.emulator.cpu.decode.Mnemonic.DIV;
import static org.denali.emulator.cpu.decode.Mnemonic.IDIV;
import static org.denali.emulator.cpu.decode.Mnemonic.IMUL;
import static org.denali.emulator.cpu.decode.Mnemonic.MUL;
import static org.denali.emulator.cpu.decode.Mnemonic.OR;
import static org.denali.emulator.cpu.decode.Mnemonic.RCL;
import static org.denali.emulator.cpu.decode.Mnemonic.RCR;
import static org.denali.emulator.cpu.decode.Mnemonic.ROL;
import static org.denali.emulator.cpu.decode.Mnemonic.ROR;
import static org.denali.emulator.cpu.decode.Mnemonic.SAL;
import static org.denali.emulator.cpu.decode.Mnemonic.SAR;
import static org.denali.emulator.cpu.decode.Mnemonic.SHL;
import static org.denali.emulator.cpu.decode.Mnemonic.SHLD;
import static org.denali.emulator.cpu.decode.Mnemonic.SHR;
import static org.denali.emulator.cpu.decode.Mnemonic.SHRD;
import static org.denali.emulator.cpu.decode.Mnemonic.TEST;
import static org.denali.emulator.cpu.decode.Mnemonic.XOR;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.denali.emulator.cpu.decode.DecodedInstruction;
import org.denali.emulator.cpu.decode.Mnemonic;
import org.denali.emulator.cpu.decode.OperandKind;
import org.denali.emulator.cpu.decode.Prefixes;

/**
 * The flags (and the few results) the Intel SDM leaves undefined for the Denali ISA's instructions, and the value
 * Denali defines for each: one {@link Row} per instruction form. A Denali guest sees the same flags on every host,
 * Intel or AMD, because the emulator computes these values itself on every path (fast paths, generic path, lazy
 * flags, fused compare+branch).
 *
 * <p>This table is the single source for three readers: {@code docs/architecture.md} prints it (a test checks that
 * every row is there), {@code UndefinedFlagsTest} pins Denali's values on the emulator without the host CPU, and the
 * differential tests against the real CPU mask exactly {@link #undefinedBy} for each instruction they compare,
 * because there the host is no oracle.
 */
public final class UndefinedFlags {
    /** The comparable status flags and DF (the bits the differential tests record). */
    public static final int STATUS_AND_DF = Flags.STATUS | Flags.DF;

    /** How Denali defines a value the SDM leaves undefined. */
    public enum Value {
        /** Cleared. */
        ZERO("0"),
        /** Keeps the value it had before the instruction. */
        UNCHANGED("unchanged"),
        /** SF, ZF, PF of the (low, truncated) result at the operand size, as an ALU operation sets them. */
        FROM_RESULT("from the result (low half at the operand size)"),
        /**
         * OF by the SDM's count-1 formula, for every count: shl/sal and rol/rcl: MSB(result) XOR CF; shr: MSB of the
         * original operand; sar: 0; ror/rcr: XOR of the result's two most significant bits.
         */
        COUNT_ONE_FORMULA("the SDM's count-1 formula"),
        /** OF of shld/shrd: MSB(result) XOR MSB(original destination), i.e. "the sign changed". */
        SIGN_CHANGE("MSB(result) XOR MSB(destination before)"),
        /** CF: the last bit shifted out of the operand, which is 0 once the count exceeds the operand width. */
        LAST_BIT_OUT("the last bit shifted out (0 past the operand width)"),
        /** ZF as bsf/bsr define it: set when the source is 0. */
        SOURCE_IS_ZERO("1 when the source is 0 (as bsf/bsr)");

        private final String text;

        Value(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Whether a row depends on an F3 (REP) prefix: F3 turns 0F BC/BD into different instructions on some hosts. */
    private enum F3 {
        IGNORED, ABSENT, REQUIRED;

        boolean admits(boolean present) {
            return this == IGNORED || (this == REQUIRED) == present;
        }
    }

    /** When a row applies, given the masked count (0..31) of a shift or rotate and the operand size in bytes. */
    private interface Condition {
        boolean holds(int size, int count);
    }

    /**
     * One instruction form: which flags the SDM leaves undefined for it and the value Denali gives each. {@code
     * resultUndefined} marks forms whose destination itself is undefined (or differs between hosts), so the
     * real CPU cannot judge it.
     */
    public enum Row {
        LOGIC("and, or, xor, test (every encoding, incl. the 82 group and the F6/F7 /1 alias of test)", "always",
            set(AND, OR, XOR, TEST), (s, c) -> true, rules(Flags.AF, Value.ZERO), false,
            "Intel's behaviour (measured); a logical result has no carry out of bit 3"),
        SHIFT_AF("shl, sal (C0/C1/D0–D3 /4 and the /6 alias), shr, sar", "masked count ≠ 0",
            set(SHL, SAL, SHR, SAR), (s, c) -> c != 0, rules(Flags.AF, Value.ZERO), false,
            "Intel's behaviour (measured); AMD parts set AF for some operands (4 failing cases on an EPYC host)"),
        SHIFT_OF("shl, sal, shr, sar", "masked count > 1", set(SHL, SAL, SHR, SAR), (s, c) -> c > 1,
            rules(Flags.OF, Value.COUNT_ONE_FORMULA), false,
            "ours (Intel parts differ for about half of all operands): one formula for every count, so the fast"
                + " path needs no count test"),
        SHIFT_CF_WIDE("shl, sal, shr on 8- and 16-bit operands", "masked count ≥ operand width",
            set(SHL, SAL, SHR), (s, c) -> c >= s * 8, rules(Flags.CF, Value.LAST_BIT_OUT), false,
            "ours: the operand behaves as if zero-extended, so CF is its last bit at count = width and 0 beyond"),
        ROTATE_OF("rol, ror, rcl, rcr", "masked count > 1", set(ROL, ROR, RCL, RCR), (s, c) -> c > 1,
            rules(Flags.OF, Value.COUNT_ONE_FORMULA), false, "ours: the count-1 formula applied to the result"),
        DOUBLE_SHIFT("shld, shrd", "masked count ≠ 0", set(SHLD, SHRD), (s, c) -> c != 0,
            rules(Flags.AF, Value.ZERO), false, "Intel's behaviour"),
        DOUBLE_SHIFT_OF("shld, shrd", "masked count > 1", set(SHLD, SHRD), (s, c) -> c > 1,
            rules(Flags.OF, Value.SIGN_CHANGE), false, "ours: the count-1 definition (sign change) for every count"),
        DOUBLE_SHIFT_WIDE("shld, shrd on 16-bit operands", "masked count > 16 (result undefined too)",
            set(SHLD, SHRD), (s, c) -> s == 2 && c > 16,
            rules(Flags.CF, Value.LAST_BIT_OUT, Flags.OF, Value.SIGN_CHANGE, Flags.SF, Value.FROM_RESULT,
                Flags.ZF, Value.FROM_RESULT, Flags.PF, Value.FROM_RESULT, Flags.AF, Value.ZERO),
            true, "ours: the destination and source are shifted as one 32-bit value, the flags as for counts ≤ 16"),
        MULTIPLY("mul, imul (F6/F7 /4 /5, 0F AF, 69, 6B)", "always", set(MUL, IMUL), (s, c) -> true,
            rules(Flags.SF, Value.FROM_RESULT, Flags.ZF, Value.FROM_RESULT, Flags.PF, Value.FROM_RESULT, Flags.AF,
                Value.ZERO),
            false, "Intel's behaviour on current parts (measured); the flags of the truncated result, which is what a"
                + " compiler would expect"),
        DIVIDE("div, idiv", "always (when no #DE)", set(DIV, IDIV), (s, c) -> true,
            rules(Flags.CF, Value.UNCHANGED, Flags.OF, Value.UNCHANGED, Flags.SF, Value.UNCHANGED, Flags.ZF,
                Value.UNCHANGED, Flags.AF, Value.UNCHANGED, Flags.PF, Value.UNCHANGED),
            false, "ours, and what the Intel parts we measured do: a division computes no flags"),
        BIT_TEST("bt, bts, btr, btc (0F A3/AB/B3/BB, 0F BA /4–/7)", "always", set(BT, BTS, BTR, BTC),
            (s, c) -> true,
            rules(Flags.OF, Value.UNCHANGED, Flags.SF, Value.UNCHANGED, Flags.AF, Value.UNCHANGED, Flags.PF,
                Value.UNCHANGED),
            false, "ours, and what the Intel parts we measured do: only CF is computed"),
        BIT_SCAN("bsf, bsr (0F BC/BD)", "always; destination when the source is 0",
            set(BSF, BSR), F3.ABSENT, (s, c) -> true,
            rules(Flags.CF, Value.UNCHANGED, Flags.OF, Value.UNCHANGED, Flags.SF, Value.UNCHANGED, Flags.AF,
                Value.UNCHANGED, Flags.PF, Value.UNCHANGED),
            false, "ours for the flags (Intel parts change them); the destination is left unchanged for a zero source,"
                + " as AMD documents and Intel parts do"),
        REP_BIT_SCAN("F3 0F BC, F3 0F BD (tzcnt, lzcnt on hosts with BMI1/LZCNT)", "always",
            set(BSF, BSR), F3.REQUIRED, (s, c) -> true,
            rules(Flags.CF, Value.UNCHANGED, Flags.OF, Value.UNCHANGED, Flags.SF, Value.UNCHANGED, Flags.ZF,
                Value.SOURCE_IS_ZERO, Flags.AF, Value.UNCHANGED, Flags.PF, Value.UNCHANGED),
            true, "executed exactly as bsf/bsr (ZF = source is 0), because Denali's cpuid reports neither BMI1 nor"
                + " LZCNT; a host that has them computes tzcnt/lzcnt, so its flags and (for BD, or a zero source)"
                + " its result are no oracle");

        private final String forms;
        private final String when;
        private final Set<Mnemonic> mnemonics;
        private final F3 f3;
        private final Condition condition;
        private final Map<Integer, Value> values;
        private final boolean resultUndefined;
        private final String origin;
        private final int flags;

        Row(String forms, String when, Set<Mnemonic> mnemonics, Condition condition, Map<Integer, Value> values,
            boolean resultUndefined, String origin) {
            this(forms, when, mnemonics, F3.IGNORED, condition, values, resultUndefined, origin);
        }

        Row(String forms, String when, Set<Mnemonic> mnemonics, F3 f3, Condition condition,
            Map<Integer, Value> values, boolean resultUndefined, String origin) {
            this.forms = forms;
            this.when = when;
            this.mnemonics = mnemonics;
            this.f3 = f3;
            this.condition = condition;
            this.values = values;
            this.resultUndefined = resultUndefined;
            this.origin = origin;
            this.flags = values.keySet().stream().mapToInt(Integer::intValue).reduce(0, (a, b) -> a | b);
        }

        /** The instruction forms, as the documentation names them. */
        public String forms() {
            return forms;
        }

        /** When the row applies (count conditions). */
        public String when() {
            return when;
        }

        /** The EFLAGS bits the SDM leaves undefined for this form. */
        public int flags() {
            return flags;
        }

        /** Denali's value for each undefined flag (keys are {@link Flags} masks), in documentation order. */
        public Map<Integer, Value> definedValues() {
            return values;
        }

        /** Whether the destination itself is undefined or host-dependent for this form. */
        public boolean resultUndefined() {
            return resultUndefined;
        }

        /** Which vendor's behaviour the row follows, or why it is ours. */
        public String origin() {
            return origin;
        }

        /** Whether the row covers {@code mnemonic} with this operand size, masked count and F3 prefix. */
        public boolean covers(Mnemonic mnemonic, int size, int count, boolean repPrefix) {
            return mnemonics.contains(mnemonic) && f3.admits(repPrefix) && condition.holds(size, count);
        }
    }

    private UndefinedFlags() {
    }

    /** Every row, in documentation order. */
    public static List<Row> rows() {
        return List.of(Row.values());
    }

    /**
     * The EFLAGS bits the SDM leaves undefined after {@code mnemonic} with a {@code size}-byte operand, the count
     * (shifts, rotates, double shifts; masked to 5 bits here) and whether an F3 prefix is present.
     */
    public static int undefinedBy(Mnemonic mnemonic, int size, int count, boolean repPrefix) {
        int flags = 0;
        for (Row row : Row.values()) {
            if (row.covers(mnemonic, size, count & 31, repPrefix)) {
                flags |= row.flags();
            }
        }
        return flags;
    }

    /**
     * The same for a decoded instruction. {@code cl} is the value of CL when the instruction runs, for shifts by CL;
     * pass {@code -1} when it is not known, and every count is assumed.
     */
    public static int undefinedBy(DecodedInstruction d, int cl) {
        int flags = 0;
        for (int count : possibleCounts(d, cl)) {
            flags |= undefinedBy(d.mnemonic(), operandSize(d), count, d.hasPrefix(Prefixes.REP));
        }
        return flags;
    }

    /** Whether the destination of this form is undefined or host-dependent, so the real CPU cannot judge it. */
    public static boolean resultUndefined(Mnemonic mnemonic, int size, int count, boolean repPrefix) {
        for (Row row : Row.values()) {
            if (row.resultUndefined() && row.covers(mnemonic, size, count & 31, repPrefix)) {
                return true;
            }
        }
        return false;
    }

    /** The same for a decoded instruction; {@code cl} as for {@link #undefinedBy(DecodedInstruction, int)}. */
    public static boolean resultUndefined(DecodedInstruction d, int cl) {
        for (int count : possibleCounts(d, cl)) {
            if (resultUndefined(d.mnemonic(), operandSize(d), count, d.hasPrefix(Prefixes.REP))) {
                return true;
            }
        }
        return false;
    }

    /** The size in bytes of the operand whose flags an instruction computes: its first operand's, else the mode's. */
    public static int operandSize(DecodedInstruction d) {
        return d.operandCount() > 0 ? d.operand(0).size() : d.operandSize();
    }

    /**
     * The masked count (0..31) a shift, rotate or double shift sees — its immediate, 1 for the D0/D1 forms, or
     * {@code cl} for shifts by CL — and 0 for every other instruction; -1 when the count is CL and {@code cl < 0}.
     */
    public static int maskedCount(DecodedInstruction d, int cl) {
        if (!isCounted(d.mnemonic())) {
            return 0;
        }
        if (d.operandCount() == 1) { // D0/D1: shift by 1
            return 1;
        }
        var countOperand = d.operand(d.operandCount() - 1);
        if (countOperand.kind() == OperandKind.IMMEDIATE) {
            return countOperand.value() & 31;
        }
        return cl < 0 ? -1 : cl & 31;
    }

    /** The counts an instruction may run with: one, or all 32 when it shifts by an unknown CL. */
    private static int[] possibleCounts(DecodedInstruction d, int cl) {
        int count = maskedCount(d, cl);
        return count >= 0 ? new int[] {count} : IntStream.range(0, 32).toArray();
    }

    private static boolean isCounted(Mnemonic m) {
        return switch (m) {
            case ROL, ROR, RCL, RCR, SHL, SAL, SHR, SAR, SHLD, SHRD -> true;
            default -> false;
        };
    }

    private static Set<Mnemonic> set(Mnemonic first, Mnemonic... rest) {
        return EnumSet.of(first, rest);
    }

    private static Map<Integer, Value> rules(Object... flagValuePairs) {
        Map<Integer, Value> map = new LinkedHashMap<>();
        for (int i = 0; i < flagValuePairs.length; i += 2) {
            map.put((Integer) flagValuePairs[i], (Value) flagValuePairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
