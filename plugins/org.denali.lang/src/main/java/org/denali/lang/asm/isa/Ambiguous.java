package org.denali.lang.asm.isa;

import java.util.HashMap;
import java.util.Map;

/**
 * The x86 instructions docs/architecture.md §1.3 calls ambiguous, with the specification's reason. The decoder
 * turns all of them into #UD (int n into #GP), so a guest that executes one stops.
 */
public final class Ambiguous {
    static final String SEGMENTATION = "segmentation is not exposed in the Denali flat model";
    static final String PRIVILEGED = "a privileged/system instruction behaves differently in user and kernel mode";
    static final String INTERRUPT_FLAG =
        "interrupt enabling is a virtual register (write INTERRUPTS_ENABLED in the register page, §3)";
    /** Also the warning for int n, which decodes but raises #GP. */
    public static final String SOFTWARE_INTERRUPT = "there is no software-interrupt path into the Denali kernel (#GP)";
    static final String LEGACY = "legacy instruction gcc does not emit for Denali targets (#UD)";
    static final String STRING_IO = "devices take descriptors through one PIO instead (§5)";
    static final String X87 = "x87 floating point: Denali version 1 has no FPU (build with -msoft-float)";
    static final String VECTOR = "MMX/SSE: Denali version 1 has no vector unit (build with -mno-mmx -mno-sse)";

    private static final Map<String, String> REASONS = new HashMap<>();
    /** The x87 families (fld, fstpl, fnstcw, fucomip ...): every x87 mnemonic starts with one of these stems. */
    private static final java.util.regex.Pattern X87_NAME = java.util.regex.Pattern.compile("f(n?(init|clex|save"
        + "|stenv|stcw|stsw)|ld|st|add|sub|mul|div|i?com|ucom|chs|abs|sqrt|sin|cos|prem|rndint|scale|xtract|xch|rstor"
        + "|free|incstp|decstp|nop|wait|b|cmov|2xm1|yl2x|ptan|patan|tst|xam|iadd|isub|imul|idiv|ild|ist)[a-z0-9]*");

    static {
        reason(SEGMENTATION, "lds", "les", "lfs", "lgs", "lss", "ljmp", "lcall", "lret", "arpl", "lar", "lsl", "verr",
            "verw");
        reason(INTERRUPT_FLAG, "cli", "sti");
        reason(PRIVILEGED, "lgdt", "lidt", "lldt", "ltr", "sgdt", "sidt", "sldt", "str", "smsw", "lmsw", "clts", "invd",
            "wbinvd", "invlpg", "rdmsr", "wrmsr", "rdpmc", "syscall", "sysret", "sysenter", "sysexit", "rsm");
        reason(SOFTWARE_INTERRUPT, "into", "int1", "icebp");
        reason(LEGACY, "bound", "aaa", "aas", "aad", "aam", "daa", "das", "xlat", "xlatb", "salc", "cmpxchg8b", "ud0",
            "popcnt", "lzcnt", "tzcnt", "movnti", "prefetch", "clflush");
        reason(STRING_IO, "ins", "insb", "insw", "insl", "insd", "outs", "outsb", "outsw", "outsl", "outsd");
        reason(VECTOR, "emms", "movd", "movq", "fxsave", "fxrstor", "ldmxcsr", "stmxcsr", "xsave", "xrstor",
            "xsaveopt");
        reason(X87, "wait", "fwait");
    }

    private Ambiguous() {
    }

    private static void reason(String reason, String... names) {
        for (String name : names) {
            REASONS.put(name, reason);
        }
    }

    /** The reason for a base name (suffix stripped by the caller if needed), or null. */
    static String reasonFor(String name) {
        String reason = REASONS.get(name);
        if (reason != null) {
            return reason;
        }
        if (X87_NAME.matcher(name).matches()) {
            return X87;
        }
        if (looksLikeVector(name)) {
            return VECTOR;
        }
        return null;
    }

    private static boolean looksLikeVector(String name) {
        if (name.length() > 4 && (name.endsWith("ps") || name.endsWith("pd") || name.endsWith("ss"))) {
            return true;
        }
        return name.startsWith("cvt") || name.startsWith("pmov") || name.startsWith("pun") || name.startsWith("padd")
            || name.startsWith("psub") || name.startsWith("pmul") || name.startsWith("psh") || name.startsWith("pand")
            || name.startsWith("por") || name.startsWith("pxor") || name.startsWith("pcmp") || name.startsWith("pext")
            || name.startsWith("pins") || name.startsWith("movdq") || name.startsWith("vmov") || name.startsWith("v")
            && name.length() > 5;
    }
}
