package org.denali.ide.views.swap;

import java.util.ArrayList;
import java.util.List;

/**
 * The Swap chart's time axis: ticks at round numbers of seconds before the newest sample ("-30 s" ... "now"), as
 * many as fit the width without their labels touching.
 */
public final class TimeAxis {
    /** Tick spacings tried, smallest first, in seconds. */
    private static final long[] STEPS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};

    /** @param secondsAgo how long before the newest sample; {@code label} is what is written under the tick */
    public record Tick(long secondsAgo, String label) {
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
        double pixelsPerSecond = widthPixels / windowSeconds;
        for (long step : STEPS) {
            if (step * pixelsPerSecond >= labelPixels) {
                for (long ago = step; ago <= windowSeconds; ago += step) {
                    ticks.add(new Tick(ago, "-" + format(ago)));
                }
                return ticks;
            }
        }
        return ticks; // even an hour is too narrow a step: only "now"
    }

    static String format(long seconds) {
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
