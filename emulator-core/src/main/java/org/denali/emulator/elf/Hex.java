package org.denali.emulator.elf;

final class Hex {
    private Hex() {
    }

    static String of(long value) {
        return "0x" + Long.toHexString(value);
    }
}
