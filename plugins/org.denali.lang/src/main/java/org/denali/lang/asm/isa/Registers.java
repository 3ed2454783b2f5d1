package org.denali.lang.asm.isa;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The register names GNU as accepts in 32-bit code, with their kind and, for general registers, their size.
 * Names match org.denali.emulator.cpu.decode.Registers (the disassembler prints the same ones).
 */
public final class Registers {

    /** A register: its name without '%', kind, and size (null unless GENERAL). */
    public record Register(String name, RegisterKind kind, OperandSize size) {
    }

    private static final Map<String, Register> BY_NAME = new LinkedHashMap<>();

    static {
        general(OperandSize.LONG, "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi");
        general(OperandSize.WORD, "ax", "cx", "dx", "bx", "sp", "bp", "si", "di");
        general(OperandSize.BYTE, "al", "cl", "dl", "bl", "ah", "ch", "dh", "bh");
        other(RegisterKind.SEGMENT, "es", "cs", "ss", "ds", "fs", "gs");
        other(RegisterKind.SYSTEM, "cr0", "cr2", "cr3", "cr4", "dr0", "dr1", "dr2", "dr3", "dr6", "dr7", "tr6", "tr7");
        other(RegisterKind.FLOATING_POINT_OR_VECTOR, "st");
        for (int i = 0; i < 8; i++) {
            other(RegisterKind.FLOATING_POINT_OR_VECTOR, "st(" + i + ")", "mm" + i, "xmm" + i);
        }
        other(RegisterKind.PSEUDO, "eiz");
    }

    private Registers() {
    }

    private static void general(OperandSize size, String... names) {
        for (String name : names) {
            BY_NAME.put(name, new Register(name, RegisterKind.GENERAL, size));
        }
    }

    private static void other(RegisterKind kind, String... names) {
        for (String name : names) {
            BY_NAME.put(name, new Register(name, kind, null));
        }
    }

    /** Looks up a register by its name, with or without the leading '%' (case-insensitive, as gas). */
    public static Optional<Register> lookup(String name) {
        String bare = name.startsWith("%") ? name.substring(1) : name;
        return Optional.ofNullable(BY_NAME.get(bare.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The general-purpose registers, for content assist. */
    public static List<Register> general() {
        return BY_NAME.values().stream().filter(r -> r.kind() == RegisterKind.GENERAL).toList();
    }
}
