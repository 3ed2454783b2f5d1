package org.denali.ide.views.interrupts;

import java.util.List;
import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.live.LiveView;
import org.denali.ide.views.live.ViewColors;
import org.denali.ide.views.monitor.InterruptQueue;
import org.denali.ide.views.monitor.MonitorClient;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * Interrupt Queue: for the selected VM the pending bitmask line by line, whether and where interrupts are taken,
 * what the next quantum delivers (or why nothing), the batches with raise and delivery times, and the kernel-wide
 * count of lines delivered vs frames (batches) used to deliver them.
 */
public final class InterruptQueueView extends LiveView<InterruptData> {
    public static final String ID = "org.denali.ide.views.interrupts";

    private LineBoxes boxes;
    private Label state;
    private Label next;
    private Table batches;
    private Label kernelWide;

    @Override
    protected void createContent(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(2, false));
        boxes = new LineBoxes(root);
        boxes.setLayoutData(new GridData(SWT.BEGINNING, SWT.TOP, false, false, 1, 2));
        state = new Label(root, SWT.WRAP);
        state.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        next = new Label(root, SWT.WRAP);
        next.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        batches = new Table(root, SWT.FULL_SELECTION | SWT.BORDER);
        batches.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        batches.setHeaderVisible(true);
        batches.setLinesVisible(true);
        String[] names = {"Batch (lines)", "Raised at", "Delivered at", "Waited", "Raises batched"};
        int[] widths = {200, 130, 130, 110, 120};
        for (int i = 0; i < names.length; i++) {
            TableColumn column = new TableColumn(batches, i == 0 ? SWT.LEFT : SWT.RIGHT);
            column.setText(names[i]);
            column.setWidth(widths[i]);
        }
        kernelWide = new Label(root, SWT.WRAP);
        kernelWide.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false, 2, 1));
    }

    @Override
    protected InterruptData fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception {
        return new InterruptData(client.interrupts(vm), client.stats());
    }

    @Override
    protected void clear() {
        boxes.show(null);
        state.setText("");
        next.setText("");
        batches.removeAll();
        kernelWide.setText("");
    }

    @Override
    protected void show(InterruptData data, WatchedKernel kernel, int vm) {
        InterruptQueue q = data.queue();
        boxes.show(q);
        state.setText(String.format("Interrupts %s \u00b7 handler %s \u00b7 pending: %s \u00b7 handling: %s",
                q.enabled() ? "enabled" : "DISABLED", q.handler() == 0 ? "none" : String.format("0x%08x", q.handler()),
                q.names(q.pending()), q.beingHandled() == 0 ? "nothing" : q.names(q.beingHandled())));
        next.setText("Next quantum delivers: " + nextDelivery(q));
        List<BatchTimeline.Batch> list = BatchTimeline.batches(q.history());
        ViewColors c = ViewColors.get(batches.getDisplay());
        batches.setRedraw(false);
        try {
            batches.removeAll();
            for (int i = list.size() - 1; i >= 0; i--) { // newest first
                BatchTimeline.Batch b = list.get(i);
                TableItem item = new TableItem(batches, SWT.NONE);
                item.setText(new String[] {q.names(b.lines()), millis(b.firstRaisedNanos()),
                        b.pending() ? "pending" : millis(b.deliveredNanos()),
                        b.pending() ? "" : micros(b.waitedNanos()), Integer.toString(b.raises())});
                item.setForeground(2, b.pending() ? c.waiting : c.running);
            }
        } finally {
            batches.setRedraw(true);
        }
        long lines = data.stats().interruptLines();
        long frames = data.stats().interruptBatches();
        kernelWide.setText(String.format("Kernel-wide: %,d interrupt lines delivered in %,d batches (frames)%s",
                lines, frames, frames == 0 ? "" : String.format(", %.2f lines per batch", (double) lines / frames)));
        kernelWide.getParent().layout(true);
    }

    static String nextDelivery(InterruptQueue q) {
        if (q.nextDelivery() != 0) {
            return q.names(q.nextDelivery());
        }
        if (q.pending() == 0) {
            return "nothing (no line pending)";
        }
        if (!q.enabled()) {
            return "nothing: interrupts are disabled, " + q.names(q.pending()) + " stays pending";
        }
        return "nothing: no interrupt handler is set";
    }

    private static String millis(long nanos) {
        return String.format("%.3f ms", nanos / 1e6);
    }

    private static String micros(long nanos) {
        return nanos < 1_000_000 ? String.format("%.1f \u00b5s", nanos / 1e3) : String.format("%.2f ms", nanos / 1e6);
    }

    public Table batches() {
        return batches;
    }

    public Label kernelWide() {
        return kernelWide;
    }

    @Override
    public void setFocus() {
        batches.setFocus();
    }
}
