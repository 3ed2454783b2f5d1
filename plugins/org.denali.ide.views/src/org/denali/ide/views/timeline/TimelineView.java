package org.denali.ide.views.timeline;

import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.DenaliThread;
import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.live.LiveView;
import org.denali.ide.views.monitor.MonitorClient;
import org.denali.ide.views.monitor.Timeline;
import org.eclipse.debug.core.DebugException;
import org.eclipse.debug.core.model.IDebugTarget;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Timeline: the selected VM's quanta, interrupt batches, swap events and frames over the recorded run, on its axis
 * of retired instructions (the kernel monitor's {@code timeline} request). A click seeks the whole kernel to that
 * point of the VM's history ({@code monitor seek} through the debug session; it needs a suspended session of a
 * launch with "Record execution" on) and the Debug, Variables and editor views show the VM there.
 */
public final class TimelineView extends LiveView<Timeline> {
    public static final String ID = "org.denali.ide.views.timeline";
    /** Events asked for per refresh: enough for the lanes of a wide view, cheap to send every refresh. */
    static final int EVENTS = 5000;

    private Label summary;
    private TimelineCanvas canvas;
    private Label status;
    private volatile WatchedKernel shownKernel;

    @Override
    protected void createContent(Composite parent) {
        Composite root = new Composite(parent, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        summary = new Label(root, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        canvas = new TimelineCanvas(root, this::seek);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        status = new Label(root, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
    }

    @Override
    protected Timeline fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception {
        return client.timeline(vm, EVENTS);
    }

    @Override
    protected void show(Timeline data, WatchedKernel kernel, int vm) {
        shownKernel = kernel;
        summary.setText(TimelineText.summary(data));
        canvas.show(data);
        summary.getParent().layout(true);
    }

    @Override
    protected void clear() {
        summary.setText("");
        canvas.show(null);
    }

    /** A click: the kernel goes to instruction {@code icount} of the shown VM (through its debug session). */
    void seek(long icount) {
        Timeline shown = canvas.timeline();
        WatchedKernel kernel = shownKernel;
        if (shown == null || kernel == null) {
            return;
        }
        DenaliThread thread = thread(kernel, shown.vm());
        if (thread == null || !thread.canReverse()) {
            status.setText("Seeking needs a suspended debug session of a launch with \"Record execution\" on "
                    + "(Debug As, Virtual Machines tab).");
            return;
        }
        try {
            thread.seek(icount);
            status.setText(String.format("Seeking VM %d to instruction %,d", shown.vm(), icount));
        } catch (DebugException e) {
            status.setText(e.getStatus().getMessage());
        }
        refreshNow();
    }

    private static DenaliThread thread(WatchedKernel kernel, int vm) {
        for (IDebugTarget target : kernel.launch().getDebugTargets()) {
            if (target instanceof DenaliDebugTarget denali && !denali.isTerminated()) {
                return denali.thread(vm);
            }
        }
        return null;
    }

    public TimelineCanvas canvasForTests() {
        return canvas;
    }

    public String statusText() {
        return status.getText();
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
