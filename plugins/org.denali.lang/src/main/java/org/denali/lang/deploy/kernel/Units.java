package org.denali.lang.deploy.kernel;

import org.denali.lang.deploy.deploy.Duration;
import org.denali.lang.deploy.deploy.Size;

/** Sizes and durations of the deployment model in the kernel's units (bytes, microseconds). */
public final class Units {
    private Units() {
    }

    public static long bytes(Size size) {
        long value = size.getValue();
        return switch (size.getUnit()) {
            case B -> value;
            case KIB -> value << 10;
            case MIB -> value << 20;
            case GIB -> value << 30;
        };
    }

    /** Microseconds of a time duration (not meaningful for INSTRUCTIONS). */
    public static long micros(Duration duration) {
        long value = duration.getValue();
        return switch (duration.getUnit()) {
            case US, INSTRUCTIONS -> value;
            case MS -> value * 1_000;
            case S -> value * 1_000_000;
        };
    }

    public static String describe(long bytes) {
        if (bytes % (1L << 30) == 0 && bytes > 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0 && bytes > 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % 1024 == 0 && bytes > 0) {
            return (bytes >> 10) + " KiB";
        }
        if (bytes >= 1L << 20) {
            return String.format(java.util.Locale.ROOT, "%.1f MiB (%d bytes)", bytes / (double) (1L << 20), bytes);
        }
        return bytes + " B";
    }
}
