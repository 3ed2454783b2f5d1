package org.denali.ide.core.rsp;

import java.util.List;

/**
 * The i386 core registers of a {@code g} reply. The block is gdb's i386 layout: eax ecx edx ebx esp ebp esi edi
 * eip eflags cs ss ds es fs gs as 4-byte little-endian values, followed by the x87 registers (always zero on
 * Denali, which has no FPU) that are not kept here.
 */
public record I386Registers(int[] values) {
    public static final List<String> NAMES = List.of("eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip",
            "eflags", "cs", "ss", "ds", "es", "fs", "gs");
    public static final int EIP = 8;
    public static final int ESP = 4;
    public static final int EFLAGS = 9;

    public I386Registers {
        values = values.clone();
    }

    public static I386Registers parse(String hex) throws RspException {
        if (hex.length() < NAMES.size() * 8) {
            throw new RspException("register block too short: " + hex.length() / 2 + " bytes");
        }
        int[] values = new int[NAMES.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Hex.littleEndianInt(hex, i * 8);
        }
        return new I386Registers(values);
    }

    public int get(int number) {
        return values[number];
    }

    public int get(String name) {
        int number = NAMES.indexOf(name);
        if (number < 0) {
            throw new IllegalArgumentException("no i386 register " + name);
        }
        return values[number];
    }

    public int eip() {
        return values[EIP];
    }

    @Override
    public int[] values() {
        return values.clone();
    }
}
