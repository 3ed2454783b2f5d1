package org.denali.emulator.cpu.diff;

import java.util.SplittableRandom;

/** Seeded operand values, biased toward the edges where flag logic goes wrong. */
public final class Values {
    private static final int[] EDGES = {0, 1, -1, 2, 0x7FFF_FFFF, 0x8000_0000, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF,
        0x8000, 0xFFFF, 0x1_0000, 0xFFFF_FF80, 0xFFFF_8000, 31, 32, 33, 63, 0x0F, 0x10, 0xF0F0_F0F0};
    private static final int[] LOW_ENTROPY = {0, 0x0101_0101, 0x0000_0100, 0x0100_0000, 0x0001_0001, 1};

    private Values() {
    }

    /** An edge value 40% of the time, else uniform random. */
    public static int any(SplittableRandom random) {
        if (random.nextInt(10) < 4) {
            int v = EDGES[random.nextInt(EDGES.length)];
            return random.nextBoolean() ? v : v ^ (random.nextInt(4) << 8);
        }
        return random.nextInt();
    }

    /** Values from a tiny set, so string compares and scans find equal elements. */
    public static int lowEntropy(SplittableRandom random) {
        return LOW_ENTROPY[random.nextInt(LOW_ENTROPY.length)];
    }

    /** A shift or rotate count: edges 0, 1, sizes and beyond 31, or random 0..255. */
    public static int count(SplittableRandom random) {
        int[] edges = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 255};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextInt(256);
    }
}
