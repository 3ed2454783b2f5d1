package org.denali.emulator.cpu.decode;

/** Register numbering as in the ModRM encoding, and their AT&T/Intel names. */
public final class Registers {
    public static final int EAX = 0;
    public static final int ECX = 1;
    public static final int EDX = 2;
    public static final int EBX = 3;
    public static final int ESP = 4;
    public static final int EBP = 5;
    public static final int ESI = 6;
    public static final int EDI = 7;

    private static final String[] NAMES32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    private static final String[] NAMES16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    /** 8-bit registers 0..3 are the low bytes of EAX..EBX, 4..7 the high bytes (AH CH DH BH). */
    private static final String[] NAMES8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] SEGMENTS = {"es", "cs", "ss", "ds", "fs", "gs", "?6", "?7"};

    private Registers() {
    }

    public static String name(int size, int number) {
        return switch (size) {
            case 1 -> NAMES8[number];
            case 2 -> NAMES16[number];
            default -> NAMES32[number];
        };
    }

    public static String segmentName(int number) {
        return SEGMENTS[number & 7];
    }
}
