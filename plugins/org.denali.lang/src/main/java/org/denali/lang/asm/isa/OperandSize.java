package org.denali.lang.asm.isa;

/** Operand sizes an AT&T size suffix or a register name implies. */
public enum OperandSize {
    BYTE('b', 8), WORD('w', 16), LONG('l', 32);

    private final char suffix;
    private final int bits;

    OperandSize(char suffix, int bits) {
        this.suffix = suffix;
        this.bits = bits;
    }

    public char suffix() {
        return suffix;
    }

    public int bits() {
        return bits;
    }

    /** The size a suffix letter names, or null if the letter is not a size suffix. */
    public static OperandSize ofSuffix(char c) {
        for (OperandSize size : values()) {
            if (size.suffix == c) {
                return size;
            }
        }
        return null;
    }

    public String describe() {
        return "'" + suffix + "' (" + bits + "-bit)";
    }
}
