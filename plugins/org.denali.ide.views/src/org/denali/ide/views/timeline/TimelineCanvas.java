package org.denali.ide.views.timeline;

import java.util.function.LongConsumer;

import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.Timeline;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * One VM's timeline as four lanes over its retired-instruction axis: quanta (coloured by why they ended), interrupt
 * batches, swap (out: amber, page-ins: green) and frames (sent above the middle, received below), the VM's current
 * count as a cursor. A click asks to seek to the count under the mouse; hovering says what is there.
 */
public final class TimelineCanvas extends Canvas {
    static final String[] LANES = {"Quanta", "Interrupts", "Swap", "Packets"};
    private static final int LANE_HEIGHT = 26;
    private static final int LANE_GAP = 6;
    private static final int TOP = 6;

    private Timeline timeline;
    private int left = 80;
    private final LongConsumer seek;

    TimelineCanvas(Composite parent, LongConsumer seek) {
        super(parent, SWT.DOUBLE_BUFFERED);
        this.seek = seek;
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseUp, e -> {
            if (e.button == 1 && timeline != null && e.x >= left && e.x <= left + axisWidth()) {
                seek.accept(icountAt(e.x));
            }
        });
        addListener(SWT.MouseMove, e -> setToolTipText(describe(e.x, e.y)));
    }

    void show(Timeline data) {
        this.timeline = data;
        redraw();
    }

    public Timeline timeline() {
        return timeline;
    }

    /** The instruction count at x (the inverse of {@link #xOf}); clamped to the axis. */
    public long icountAt(int x) {
        long first = timeline.first();
        double span = timeline.last() - first;
        double f = Math.max(0, Math.min(1, (x - left) / (double) axisWidth()));
        return first + Math.round(f * span);
    }

    public int xOf(long icount) {
        long first = timeline.first();
        double span = timeline.last() - first;
        return left + (int) Math.round((icount - first) * axisWidth() / span);
    }

    /** The y of the middle of lane {@code lane} (0: quanta), for tests and screenshots. */
    public static int laneMiddle(int lane) {
        return TOP + lane * (LANE_HEIGHT + LANE_GAP) + LANE_HEIGHT / 2;
    }

    private int axisWidth() {
        return Math.max(10, getClientArea().width - left - 12);
    }

    private void paint(GC gc) {
        ViewColors c = ViewColors.get(getDisplay());
        Rectangle area = getClientArea();
        gc.setBackground(c.background);
        gc.fillRectangle(area);
        left = 12 + maxLabelWidth(gc);
        int width = axisWidth();
        for (int lane = 0; lane < LANES.length; lane++) {
            int y = TOP + lane * (LANE_HEIGHT + LANE_GAP);
            gc.setForeground(c.text);
            gc.drawString(LANES[lane], 4, y + (LANE_HEIGHT - gc.getFontMetrics().getHeight()) / 2, true);
            gc.setBackground(c.untouched);
            gc.fillRectangle(left, y, width, LANE_HEIGHT);
        }
        int axisY = TOP + LANES.length * (LANE_HEIGHT + LANE_GAP);
        if (timeline == null) {
            return;
        }
        for (Timeline.Event e : timeline.events()) {
            drawEvent(gc, c, e);
        }
        drawAxis(gc, c, axisY, width);
        if (timeline.icount() >= 0) {
            int x = xOf(timeline.icount());
            gc.setForeground(c.text);
            gc.setLineWidth(2);
            gc.drawLine(x, TOP - 4, x, axisY);
            gc.setLineWidth(1);
        }
    }

    private void drawEvent(GC gc, ViewColors c, Timeline.Event e) {
        int x = xOf(e.at());
        switch (e.kind()) {
            case QUANTUM -> {
                int x2 = Math.max(x + 1, xOf(e.end()));
                int y = TOP;
                gc.setBackground(quantumColour(c, e.detail()));
                gc.fillRectangle(x, y + 2, x2 - x, LANE_HEIGHT - 4);
            }
            case INTERRUPTS -> tick(gc, c.waiting, x, 1, 0, LANE_HEIGHT);
            case SWAP_OUT -> tick(gc, c.waiting, x, 2, 0, LANE_HEIGHT);
            case PAGE_IN -> tick(gc, c.running, x, 2, 0, LANE_HEIGHT);
            case PACKET_SENT -> tick(gc, c.idle, x, 3, 0, LANE_HEIGHT / 2);
            case PACKET_RECEIVED -> tick(gc, c.held, x, 3, LANE_HEIGHT / 2, LANE_HEIGHT);
            default -> {
            }
        }
    }

    private static void tick(GC gc, Color colour, int x, int lane, int from, int to) {
        int y = TOP + lane * (LANE_HEIGHT + LANE_GAP);
        gc.setBackground(colour);
        gc.fillRectangle(x - 1, y + from + 1, 3, to - from - 2);
    }

    /** Quanta that used their budget run green, idle ones blue, debugger stops red, the rest (faults, ends) amber. */
    private static Color quantumColour(ViewColors c, String reason) {
        return switch (reason) {
            case "BUDGET_EXHAUSTED" -> c.running;
            case "IDLE" -> c.idle;
            case "BREAKPOINT", "WATCHPOINT", "STEPPED" -> c.held;
            default -> c.waiting;
        };
    }

    private void drawAxis(GC gc, ViewColors c, int y, int width) {
        gc.setForeground(c.grid);
        gc.drawLine(left, y, left + width, y);
        int labelWidth = gc.textExtent(String.format("%,d", timeline.last())).x + 16;
        int ticks = Math.max(1, Math.min(8, width / Math.max(1, labelWidth)));
        for (int i = 0; i <= ticks; i++) {
            int x = left + i * width / ticks;
            String label = String.format("%,d", icountAt(x));
            gc.setForeground(c.grid);
            gc.drawLine(x, y, x, y + 3);
            gc.setForeground(c.dim);
            int w = gc.textExtent(label).x;
            gc.drawString(label, Math.max(left, Math.min(x - w / 2, left + width - w)), y + 4, true);
        }
        gc.setForeground(c.dim);
        String caption = "instructions retired by VM " + timeline.vm()
                + (timeline.icount() >= 0 ? String.format(" (now %,d; click to go there)", timeline.icount()) : "");
        gc.drawString(caption, left, y + 6 + gc.getFontMetrics().getHeight(), true);
    }

    private int maxLabelWidth(GC gc) {
        int max = 0;
        for (String lane : LANES) {
            max = Math.max(max, gc.textExtent(lane).x);
        }
        return max;
    }

    /** The tooltip: the count under the mouse and the event drawn there, if any. */
    private String describe(int x, int y) {
        if (timeline == null || x < left) {
            return null;
        }
        long at = icountAt(x);
        int lane = (y - TOP) / (LANE_HEIGHT + LANE_GAP);
        long slack = Math.max(1, (timeline.last() - timeline.first()) * 3 / Math.max(1, axisWidth()));
        for (Timeline.Event e : timeline.events()) {
            if (laneOf(e.kind()) == lane && at >= e.at() - slack && at <= e.end() + slack) {
                return String.format("instruction %,d%n%s", at, TimelineText.of(e));
            }
        }
        return String.format("instruction %,d", at);
    }

    static int laneOf(Timeline.Kind kind) {
        return switch (kind) {
            case QUANTUM -> 0;
            case INTERRUPTS -> 1;
            case SWAP_OUT, PAGE_IN -> 2;
            case PACKET_SENT, PACKET_RECEIVED -> 3;
        };
    }
}
