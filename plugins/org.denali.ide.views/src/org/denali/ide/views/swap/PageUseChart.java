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

    private void paint(GC gc) {
        ViewColors c = ViewColors.get(getDisplay());
        Rectangle area = getClientArea();
        gc.setBackground(c.background);
        gc.fillRectangle(area);
        List<PageUseHistory.Sample> samples = history.samples();
        int left = 70;
        int top = 20;
        int width = Math.max(10, area.width - left - 10);
        int height = Math.max(10, area.height - top - 18);
        gc.setForeground(c.grid);
        gc.drawRectangle(left, top, width, height);
        gc.setForeground(c.text);
        gc.drawString("Physical backing pages in use (kernel-wide)", left, 2, true);
        if (samples.isEmpty()) {
            return;
        }
        long scale = history.scale();
        PageUseHistory.Sample last = samples.get(samples.size() - 1);
        gc.setForeground(c.dim);
        gc.drawString(String.format("%,d", scale), 4, top - 2, true);
        gc.drawString("0", 4, top + height - 14, true);
        boolean budget = last.physicalPages() == scale;
        String now = String.format("now %,d pages (%s)%s", last.usedPages(), mib(last.usedPages()),
                budget ? String.format(" of %,d budget", last.physicalPages()) : ", budget unlimited");
        gc.drawString(now, Math.max(left, left + width - gc.textExtent(now).x), 2, true);
        int n = samples.size();
        int[] polygon = new int[2 * n + 4];
        for (int i = 0; i < n; i++) {
            int x = left + (n == 1 ? width : (int) ((long) i * width / (PageUseHistory.CAPACITY - 1)));
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
