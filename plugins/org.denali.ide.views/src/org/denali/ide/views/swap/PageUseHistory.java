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

    /** The shortest time the chart spans when the kernel's clock keeps pace with the host's (real-time mode). */
    static final double MIN_WINDOW_SECONDS = 30;

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    /** When each sample arrived, host time (same order as {@link #samples}). */
    private final ArrayDeque<Long> arrivals = new ArrayDeque<>();

    public void add(Sample s) {
        add(s, System.nanoTime());
    }

    /** @param hostNanos when the sample arrived, on the host's monotonic clock */
    public void add(Sample s, long hostNanos) {
        if (!samples.isEmpty() && samples.peekLast().nowNanos() > s.nowNanos()) {
            clear(); // another kernel (its clock started again)
        }
        samples.addLast(s);
        arrivals.addLast(hostNanos);
        while (samples.size() > CAPACITY) {
            samples.removeFirst();
            arrivals.removeFirst();
        }
    }

    /** Forgets every sample (the kernel ended). */
    public void clear() {
        samples.clear();
        arrivals.clear();
    }

    /**
     * The time the chart spans, in kernel seconds: the samples' own span, but at least {@link #MIN_WINDOW_SECONDS}
     * of host time converted to kernel time, so the first seconds of a kernel do not fill the whole width. The
     * conversion matters under the deterministic clock, where kernel time is guest time (a whole loadgen run is
     * 0.05 s of it over seconds of host time): a fixed 30 s window would draw the run as a line at the right edge.
     */
    public double windowSeconds() {
        if (samples.size() < 2) {
            return MIN_WINDOW_SECONDS;
        }
        double kernelSpan = (samples.peekLast().nowNanos() - samples.peekFirst().nowNanos()) / 1e9;
        double hostSpan = (arrivals.peekLast() - arrivals.peekFirst()) / 1e9;
        double kernelPerHost = hostSpan > 0 ? Math.min(1, kernelSpan / hostSpan) : 1;
        return Math.max(kernelSpan, MIN_WINDOW_SECONDS * kernelPerHost);
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
