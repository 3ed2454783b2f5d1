package org.denali.lang.asm.validation;

import java.util.List;

/** The GNU as directives Denali assembly uses, for validation (unknown ones warn) and content assist. */
public final class Directives {
    private static final List<String> KNOWN = List.of(".text", ".data", ".bss", ".section", ".previous",
        ".pushsection", ".popsection", ".globl", ".global", ".local", ".weak", ".hidden", ".protected", ".internal",
        ".type", ".size", ".align", ".balign", ".p2align", ".org", ".byte", ".word", ".short", ".hword", ".value",
        ".long", ".int", ".quad", ".ascii", ".asciz", ".string", ".zero", ".skip", ".space", ".fill", ".set", ".equ",
        ".equiv", ".comm", ".lcomm", ".file", ".loc", ".ident", ".macro", ".endm", ".exitm", ".rept", ".irp", ".irpc",
        ".endr", ".if", ".ifdef", ".ifndef", ".else", ".elseif", ".endif", ".include", ".incbin", ".code32",
        ".arch", ".att_syntax", ".intel_syntax", ".code16", ".code16gcc", ".code64", ".end", ".uleb128", ".sleb128",
        ".err", ".error", ".warning", ".print", ".nops");

    private Directives() {
    }

    public static boolean isKnown(String name) {
        return KNOWN.contains(name) || name.startsWith(".cfi_");
    }

    public static List<String> all() {
        return KNOWN;
    }
}
