package org.denali.ide.views.live;

import java.io.IOException;
import java.util.function.Consumer;
import org.denali.ide.views.context.VmContext;
import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.monitor.MonitorClient;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * One view's refresh loop, off the UI thread: find the kernel to watch, ask the monitor over the view's own
 * connection, hand the result to the UI, sleep {@link #PERIOD_MILLIS}, repeat. Requests coalesce: asking for a
 * refresh while one runs schedules exactly one more (a Job scheduled while running runs once again after).
 *
 * @param <T> what one refresh fetches
 */
final class LiveRefresh<T> extends Job {
    /** About 3 Hz: live to the eye, cheap for the kernel (each request costs it well under a millisecond). */
    static final long PERIOD_MILLIS = 330;

    /** What a refresh produced: data, or why there is none. */
    record Outcome<T>(WatchedKernel kernel, int vm, T data, String problem) {
    }

    interface Fetcher<T> {
        T fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception;
    }

    private final Fetcher<T> fetcher;
    private final Consumer<Outcome<T>> deliver;
    private volatile boolean stopped;
    /** A view hidden behind another in its stack asks the kernel nothing (the one on top refreshes). */
    private volatile boolean visible = true;
    private MonitorClient client;

    LiveRefresh(String name, Fetcher<T> fetcher, Consumer<Outcome<T>> deliver) {
        super(name);
        this.fetcher = fetcher;
        this.deliver = deliver;
        setSystem(true);
        setPriority(Job.INTERACTIVE);
    }

    /** Refresh as soon as possible (a new VM was selected, the filter changed). */
    void refreshNow() {
        if (!stopped) {
            schedule();
        }
    }

    void setVisible(boolean isVisible) {
        visible = isVisible;
        if (isVisible) {
            refreshNow();
        }
    }

    void stop() {
        stopped = true;
        cancel();
        closeClient();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        if (stopped || monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        if (!visible) {
            return Status.OK_STATUS; // setVisible(true) schedules the next refresh
        }
        VmContext context = VmContext.get();
        int vm = context.vm();
        WatchedKernel kernel = WatchedKernel.find(context.debugLaunch());
        Outcome<T> outcome;
        if (kernel == null) {
            closeClient();
            outcome = new Outcome<>(null, vm, null, "No running Denali guest. Launch one with Run As > Denali Guest; "
                    + "these views then show its kernel live.");
        } else {
            outcome = fetch(kernel, vm);
        }
        if (!stopped) {
            deliver.accept(outcome);
            schedule(PERIOD_MILLIS);
        }
        return Status.OK_STATUS;
    }

    private Outcome<T> fetch(WatchedKernel kernel, int vm) {
        try {
            if (client == null || client.port() != kernel.port() || !client.isOpen()) {
                closeClient();
                client = MonitorClient.open(kernel.port());
            }
            return new Outcome<>(kernel, vm, fetcher.fetch(client, kernel, vm), null);
        } catch (IOException e) {
            closeClient(); // the kernel is starting (not listening yet) or has ended: reconnect next time
            return new Outcome<>(kernel, vm, null, "Connecting to the kernel monitor on port " + kernel.port() + "...");
        } catch (Exception e) {
            return new Outcome<>(kernel, vm, null, e.getMessage());
        }
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }
}
