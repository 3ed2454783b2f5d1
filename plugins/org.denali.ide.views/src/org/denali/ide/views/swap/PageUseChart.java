package org.denali.ide.views.swap;

import java.util.List;
import org.denali.ide.views.live.ViewColors;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/** Kernel-wide physical backing pages in use over time: a filled line chart of {@link PageUseHistory}. */
final class PageUseChart extends Canvas {
    private final PageUseHistory history;

    PageUseChart(Composite parent, PageUseHistory history) {
        super(parent, SWT.DOUBLE_BUFFERED);
        this.history = history;
        addPaintListener(e -> paint(e.gc));
    }

    /**
     * Title and current use on separate lines when the pane is too narrow for both on one; the scale labels set the
     * left margin; samples are placed by their time, with a time axis below ("-30 s" ... "now").
     */
    private void paint(GC gc) {
        ViewColors c = ViewColors.get(getDisplay());
        Rectangle area = getClientArea();
        gc.setBackground(c.background);
        gc.fillRectangle(area);
        List<PageUseHistory.Sample> samples = history.samples();
        int lineHeight = gc.getFontMetrics().getHeight();
        String title = "Physical backing pages in use (kernel-wide)";
        String now = "";
        long scale = history.scale();
        if (!samples.isEmpty()) {
            PageUseHistory.Sample last = samples.get(samples.size() - 1);
            boolean budget = last.physicalPages() == scale;
            now = String.format("now %,d pages (%s)%s", last.usedPages(), mib(last.usedPages()),
                    budget ? String.format(" of %,d budget", last.physicalPages()) : ", budget unlimited");
        }
        String scaleLabel = String.format("%,d", scale);
        int left = Math.max(gc.textExtent(scaleLabel).x, gc.textExtent("0").x) + 10;
        boolean oneLine = gc.textExtent(title).x + 16 + gc.textExtent(now).x <= area.width - 8;
        int top = (oneLine ? 1 : 2) * lineHeight + 6;
        int width = Math.max(10, area.width - left - 10);
        int height = Math.max(10, area.height - top - lineHeight - 6);
        gc.setForeground(c.text);
        gc.drawString(title, 4, 2, true);
        gc.setForeground(c.dim);
        if (oneLine) {
            gc.drawString(now, area.width - 6 - gc.textExtent(now).x, 2, true);
        } else {
            gc.drawString(now, 4, 2 + lineHeight, true);
        }
        gc.setForeground(c.grid);
        gc.drawRectangle(left, top, width, height);
        if (samples.isEmpty()) {
            return;
        }
        gc.setForeground(c.dim);
        gc.drawString(scaleLabel, left - 6 - gc.textExtent(scaleLabel).x, top - lineHeight / 2, true);
        gc.drawString("0", left - 6 - gc.textExtent("0").x, top + height - lineHeight / 2, true);
        long newest = samples.get(samples.size() - 1).nowNanos();
        double window = history.windowSeconds();
        for (TimeAxis.Tick tick : TimeAxis.ticks(window, width, gc.textExtent("-10 min").x + 12)) {
            int x = left + width - (int) Math.round(tick.secondsAgo() * width / window);
            gc.setForeground(c.grid);
            gc.drawLine(x, top + height, x, top + height + 3);
            gc.setForeground(c.dim);
            int labelWidth = gc.textExtent(tick.label()).x;
            gc.drawString(tick.label(), Math.max(left, Math.min(x - labelWidth / 2, left + width - labelWidth)),
                    top + height + 4, true);
        }
        int n = samples.size();
        int[] polygon = new int[2 * n + 4];
        for (int i = 0; i < n; i++) {
            double ago = (newest - samples.get(i).nowNanos()) / 1e9;
            int x = left + width - (int) Math.round(ago * width / window);
            int y = top + height - (int) Math.min(height, samples.get(i).usedPages() * height / Math.max(1, scale));
            polygon[2 * i] = x;
            polygon[2 * i + 1] = y;
        }
        polygon[2 * n] = polygon[2 * n - 2];
        polygon[2 * n + 1] = top + height;
        polygon[2 * n + 2] = polygon[0];
        polygon[2 * n + 3] = top + height;
        gc.setAntialias(SWT.ON);
        gc.setAlpha(90);
        gc.setBackground(c.idle);
        gc.fillPolygon(polygon);
        gc.setAlpha(255);
        gc.setForeground(c.idle);
        gc.setLineWidth(2);
        int[] line = new int[2 * n];
        System.arraycopy(polygon, 0, line, 0, 2 * n);
        gc.drawPolyline(line);
        gc.setLineWidth(1);
    }

    private static String mib(long pages) {
        return String.format("%.1f MiB", pages * 4096 / 1048576.0);
    }
}
