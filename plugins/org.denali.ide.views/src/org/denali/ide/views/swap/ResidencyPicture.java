package org.denali.ide.views.swap;

import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.SwapState;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * A VM's address space as a picture: one square cell per page (or per group of pages for big VMs), green
 * = resident, amber = in its swap region, light grey = never touched (costs nothing). Rows are labelled with
 * their guest address.
 */
final class ResidencyPicture extends Canvas {
    private static final int LABEL_WIDTH = 70;
    private SwapState.PageKind[] kinds;

    ResidencyPicture(Composite parent) {
        super(parent, SWT.DOUBLE_BUFFERED);
        addPaintListener(e -> paint(e.gc));
    }

    /** Pictures {@code swap}, or nothing for {@code null}. */
    void show(SwapState swap) {
        kinds = swap == null ? null : swap.pageKinds();
        redraw();
    }

    /**
     * Cells a row: a power of two (so every row starts at a round address) that gives the biggest square cells in
     * {@code width} x {@code height}.
     */
    static int columnsFor(int cells, int width, int height) {
        int best = 16;
        int bestSize = 0;
        for (int columns = 16; columns <= 1024; columns *= 2) {
            int rows = (cells + columns - 1) / columns;
            int size = Math.min(width / columns, height / Math.max(1, rows));
            if (size > bestSize) {
                best = columns;
                bestSize = size;
            }
        }
        return best;
    }

    /** Pages per cell so the picture fits {@code maxCells}: 1 for small VMs. */
    static int pagesPerCell(int pages, int maxCells) {
        return Math.max(1, (pages + maxCells - 1) / Math.max(1, maxCells));
    }

    private void paint(GC gc) {
        ViewColors c = ViewColors.get(getDisplay());
        Rectangle area = getClientArea();
        gc.setBackground(c.background);
        gc.fillRectangle(area);
        if (kinds == null || kinds.length == 0) {
            return;
        }
        int legendHeight = 22;
        int width = Math.max(16, area.width - LABEL_WIDTH - 10);
        int height = Math.max(8, area.height - legendHeight - 8);
        int perCell = pagesPerCell(kinds.length, (width / 3) * (height / 3));
        int cells = (kinds.length + perCell - 1) / perCell;
        int columns = columnsFor(cells, width, height);
        int rows = (cells + columns - 1) / columns;
        int cellSize = Math.max(3, Math.min(width / columns, height / Math.max(1, rows)));
        int cellWidth = cellSize;
        int cellHeight = cellSize;
        int labelEvery = Math.max(1, 16 / cellHeight);
        for (int cell = 0; cell < cells; cell++) {
            int row = cell / columns;
            int col = cell % columns;
            gc.setBackground(colorOf(cell * perCell, perCell, c));
            int x = LABEL_WIDTH + col * cellWidth;
            int y = 4 + row * cellHeight;
            gc.fillRectangle(x, y, cellWidth - (cellWidth > 3 ? 1 : 0), cellHeight - (cellHeight > 3 ? 1 : 0));
            if (col == 0 && row % labelEvery == 0) {
                gc.setForeground(c.dim);
                gc.drawString(String.format("%08x", (long) row * columns * perCell * 4096), 4, y + (cellHeight - 14) / 2, true);
            }
        }
        int y = Math.min(area.height - legendHeight + 4, 8 + rows * cellHeight);
        int x = LABEL_WIDTH;
        x = legend(gc, x, y, c.running, "resident", c);
        x = legend(gc, x, y, c.waiting, "swapped", c);
        x = legend(gc, x, y, c.untouched, "never touched", c);
        gc.setForeground(c.dim);
        gc.drawString(perCell == 1 ? "1 cell = 1 page (4 KiB)" : "1 cell = " + perCell + " pages", x, y, true);
    }

    private Color colorOf(int firstPage, int count, ViewColors c) {
        boolean swapped = false;
        for (int pn = firstPage; pn < firstPage + count && pn < kinds.length; pn++) {
            if (kinds[pn] == SwapState.PageKind.RESIDENT) {
                return c.running; // a group shows its "most alive" page
            }
            swapped |= kinds[pn] == SwapState.PageKind.SWAPPED;
        }
        return swapped ? c.waiting : c.untouched;
    }

    private static int legend(GC gc, int x, int y, Color color, String text, ViewColors c) {
        gc.setBackground(color);
        gc.fillRectangle(x, y + 3, 10, 10);
        gc.setForeground(c.text);
        gc.drawString(text, x + 14, y, true);
        return x + 14 + gc.textExtent(text).x + 16;
    }
}
