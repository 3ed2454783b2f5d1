package org.denali.emulator.cpu;

/**
 * What {@code cpuid} reports on Denali (docs/architecture.md §1.2, "Denali-defined results"). Leaf 0: EAX =
 * highest leaf (1), vendor "DenaliVirtCP" in EBX, EDX, ECX (the usual order: "Dena" "liVi" "rtCP"). Leaf 1:
 * EAX = 0x600 (family 6, so -march=i686 code is legal), EBX = ECX = 0, EDX = TSC and CMOV only: no FPU, no
 * MMX/SSE, no CX8 (cmpxchg8b is outside the ISA). Other leaves read as zero.
 */
public final class CpuId {
    public static final String VENDOR = "DenaliVirtCP";
    public static final int MAX_LEAF = 1;
    public static final int SIGNATURE = 0x0000_0600;
    public static final int FEATURE_TSC = 1 << 4;
    public static final int FEATURE_CMOV = 1 << 15;
    public static final int FEATURES_EDX = FEATURE_TSC | FEATURE_CMOV;

    private CpuId() {
    }

    /** The four result registers EAX, EBX, ECX, EDX for {@code leaf}. */
    static int[] query(int leaf) {
        return switch (leaf) {
            case 0 -> new int[] {MAX_LEAF, vendorWord(0), vendorWord(8), vendorWord(4)};
            case 1 -> new int[] {SIGNATURE, 0, 0, FEATURES_EDX};
            default -> new int[4];
        };
    }

    private static int vendorWord(int offset) {
        int w = 0;
        for (int i = 3; i >= 0; i--) {
            w = w << 8 | VENDOR.charAt(offset + i);
        }
        return w;
    }
}
