package org.denali.ide.views.swap;

import java.util.ArrayList;
import java.util.List;

/**
 * The Swap chart's time axis: ticks at round numbers of seconds (or milliseconds, for the short windows of a
 * deterministic clock) before the newest sample ("-30 s" ... "now"), as many as fit the width without their labels
 * touching.
 */
public final class TimeAxis {
    /** Tick spacings tried, smallest first, in milliseconds. */
    private static final long[] STEPS_MILLIS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000,
        15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000};

    /** @param secondsAgo how long before the newest sample; {@code label} is what is written under the tick */
    public record Tick(double secondsAgo, String label) {
    }

    private TimeAxis() {
    }

    /**
     * Ticks for a window of {@code windowSeconds} drawn {@code widthPixels} wide, at least {@code labelPixels}
     * apart: "now" at the right edge, then every step back to the left edge.
     */
    public static List<Tick> ticks(double windowSeconds, int widthPixels, int labelPixels) {
        List<Tick> ticks = new ArrayList<>();
        ticks.add(new Tick(0, "now"));
        if (windowSeconds <= 0 || widthPixels <= 0) {
            return ticks;
        }
        double pixelsPerMilli = widthPixels / (windowSeconds * 1000);
        long windowMillis = (long) Math.floor(windowSeconds * 1000 + 1e-6);
        for (long step : STEPS_MILLIS) {
            if (step * pixelsPerMilli >= labelPixels) {
                for (long ago = step; ago <= windowMillis; ago += step) {
                    ticks.add(new Tick(ago / 1000.0, "-" + format(ago)));
                }
                return ticks;
            }
        }
        return ticks; // even an hour is too narrow a step: only "now"
    }

    static String format(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (millis % 1000 != 0) {
            return String.format("%.1f s", millis / 1000.0);
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
