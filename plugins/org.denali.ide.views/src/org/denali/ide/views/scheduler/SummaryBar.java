package org.denali.ide.views.scheduler;

import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.KernelStats;
import org.denali.ide.views.monitor.SchedulerState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The scheduler at a glance: one proportional bar of where the live VMs are (running, run queue, idle, waiting for
 * the gatekeeper, held by the debugger) with counts, and the kernel clock and throughput beside it.
 */
final class SummaryBar extends Canvas {
    private SchedulerState state;
    private KernelStats stats;

    SummaryBar(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addPaintListener(e -> paint(e.gc));
    }

    void show(SchedulerState scheduler, KernelStats kernelStats) {
        this.state = scheduler;
        this.stats = kernelStats;
        redraw();
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 600 : wHint, 44);
    }

    private void paint(GC gc) {
        ViewColors c = ViewColors.get(getDisplay());
        int width = getClientArea().width;
        gc.setBackground(c.background);
        gc.fillRectangle(getClientArea());
        if (state == null) {
            return;
        }
        SchedulerState.Counts n = state.counts();
        String[] names = {"running", "run queue", "idle", "gatekeeper", "held"};
        int[] counts = {n.running(), n.runQueue(), n.idle(), n.gatekeeperQueue(), n.held()};
        Color[] colors = {c.running, c.runnable, c.idle, c.waiting, c.held};
        int total = 0;
        for (int k : counts) {
            total += k;
        }
        int x = 6;
        int barWidth = Math.max(100, width - 12);
        for (int i = 0; i < counts.length && total > 0; i++) {
            int w = (int) Math.round((double) counts[i] / total * barWidth);
            if (counts[i] > 0) {
                gc.setBackground(colors[i]);
                gc.fillRectangle(x, 4, Math.max(2, w), 12);
            }
            x += w;
        }
        if (total == 0) {
            gc.setForeground(c.grid);
            gc.drawRectangle(6, 4, barWidth, 12);
        }
        x = 6;
        int y = 22;
        gc.setFont(getFont());
        for (int i = 0; i < names.length; i++) {
            gc.setBackground(colors[i]);
            gc.fillRectangle(x, y + 4, 9, 9);
            gc.setForeground(c.text);
            gc.setBackground(c.background);
            String label = names[i] + " " + String.format("%,d", counts[i]);
            gc.drawString(label, x + 13, y, true);
            x += gc.textExtent(label).x + 26;
        }
        String right = String.format("admitted %,d   clock %.3f s", n.admitted(), state.nowNanos() / 1e9);
        if (stats != null) {
            right += String.format("   %,d VMs   %,d quanta", stats.vms(), stats.quanta());
        }
        gc.setForeground(c.dim);
        int rx = Math.max(x + 10, width - gc.textExtent(right).x - 8);
        gc.drawString(right, rx, y, true);
    }
}
