package org.denali.ide.views.interrupts;

import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.InterruptQueue;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The pending bitmask as one box per interrupt line: filled amber = pending, green frame = the next quantum
 * delivers it, a dot = the batch the guest's handler is working on now.
 */
final class LineBoxes extends Canvas {
    private static final int BOX = 86;
    private InterruptQueue queue;

    LineBoxes(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addPaintListener(e -> paint(e.gc));
    }

    void show(InterruptQueue q) {
        queue = q;
        redraw();
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 4 * (BOX + 8) + 10 : wHint, 58);
    }

    private void paint(GC gc) {
        ViewColors c = ViewColors.get(getDisplay());
        gc.setBackground(c.background);
        gc.fillRectangle(getClientArea());
        if (queue == null) {
            return;
        }
        gc.setAntialias(SWT.ON);
        for (int line = 0; line < queue.lines().size(); line++) {
            int x = 6 + line * (BOX + 8);
            int bit = 1 << line;
            boolean pending = (queue.pending() & bit) != 0;
            boolean next = (queue.nextDelivery() & bit) != 0;
            boolean handling = (queue.beingHandled() & bit) != 0;
            gc.setBackground(pending ? c.waiting : c.untouched);
            gc.fillRoundRectangle(x, 4, BOX, 34, 8, 8);
            gc.setLineWidth(next ? 3 : 1);
            gc.setForeground(next ? c.running : c.grid);
            gc.drawRoundRectangle(x, 4, BOX, 34, 8, 8);
            gc.setLineWidth(1);
            gc.setForeground(pending ? c.background : c.text);
            String name = queue.lines().get(line);
            Point size = gc.textExtent(name);
            gc.drawString(name, x + (BOX - size.x) / 2, 4 + (34 - size.y) / 2, true);
            if (handling) {
                gc.setBackground(c.running);
                gc.fillOval(x + BOX - 12, 8, 7, 7);
            }
            gc.setForeground(c.dim);
            String sub = "bit " + line + (pending ? " pending" : "");
            gc.drawString(sub, x + 4, 40, true);
        }
    }
}
