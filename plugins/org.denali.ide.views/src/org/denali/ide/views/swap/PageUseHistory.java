package org.denali.ide.views.swap;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Kernel-wide physical page use over time, for the chart: the monitor reports the present only, so the view keeps
 * the last {@link #CAPACITY} samples (about 80 s at the refresh rate) while it is open.
 */
public final class PageUseHistory {
    static final int CAPACITY = 240;

    /** @param physicalPages the budget (may be huge for an unlimited in-heap kernel) */
    public record Sample(long nowNanos, long usedPages, long physicalPages) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    public void add(Sample s) {
        if (!samples.isEmpty() && samples.peekLast().nowNanos() > s.nowNanos()) {
            samples.clear(); // another kernel (its clock started again)
        }
        samples.addLast(s);
        while (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
    }

    /** Forgets every sample (the kernel ended). */
    public void clear() {
        samples.clear();
    }

    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The chart's vertical scale: the budget if it is a real one, else the most pages used so far (+10%). */
    public long scale() {
        long max = 1;
        long budget = Long.MAX_VALUE;
        for (Sample s : samples) {
            max = Math.max(max, s.usedPages());
            budget = Math.min(budget, s.physicalPages());
        }
        return budget > 0 && budget < 4 * Math.max(max, 1) * 8 ? budget : max + max / 10 + 1;
    }
}
