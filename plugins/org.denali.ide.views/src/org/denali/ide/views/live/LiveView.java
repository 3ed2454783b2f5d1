package org.denali.ide.views.live;

import org.denali.ide.views.context.VmContext;
import org.denali.ide.views.context.WatchedKernel;
import org.denali.ide.views.monitor.MonitorClient;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.debug.ui.contexts.IDebugContextService;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;

/**
 * Base of the Denali views: a header line saying which kernel and VM is shown (or why nothing is), the view's own
 * content, and a {@link LiveRefresh} job that fetches off the UI thread and shows on it. Subclasses say what to
 * fetch ({@link #fetch}) and how to show it ({@link #show}).
 *
 * @param <T> what one refresh fetches
 */
public abstract class LiveView<T> extends ViewPart {
    private Label header;
    private Composite root;
    private LiveRefresh<T> refresh;
    private final Runnable vmChanged = this::refreshNow;
    private volatile long shownCount;
    private volatile T lastShown;
    private IDebugContextService contextService;
    /** This view's forwarder to the shared VmContext (each view adds and removes its own, so closing one view
     *  never unhooks the others). */
    private final IDebugContextListener debugContext = event -> VmContext.get().debugContextChanged(event);

    @Override
    public final void createPartControl(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        root.setLayout(layout);
        header = new Label(root, SWT.NONE);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        header.setForeground(ViewColors.get(header.getDisplay()).dim);
        header.setText("Looking for a running Denali kernel...");
        Composite content = new Composite(root, SWT.NONE);
        content.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        content.setLayout(new org.eclipse.swt.layout.FillLayout());
        createContent(content);
        // F1 anywhere in the view: its context help has the view's id (declared by org.denali.ide.help)
        PlatformUI.getWorkbench().getHelpSystem().setHelp(root, getSite().getId());
        VmContext.get().addListener(vmChanged);
        contextService = DebugUITools.getDebugContextManager().getContextService(getSite().getWorkbenchWindow());
        contextService.addDebugContextListener(debugContext);
        ISelection active = contextService.getActiveContext();
        if (active != null) { // a debug session already selected something before this view opened
            VmContext.get().follow(active);
        }
        refresh = new LiveRefresh<>(getPartName() + " refresh", this::fetch, this::deliver);
        getSite().getPage().addPartListener(visibility);
        refresh.schedule();
    }

    /** Builds the view's widgets inside {@code parent} (a FillLayout composite under the header). */
    protected abstract void createContent(Composite parent);

    /** Off the UI thread: what to show for {@code vm} of {@code kernel}. Exceptions become the header's text. */
    protected abstract T fetch(MonitorClient client, WatchedKernel kernel, int vm) throws Exception;

    /** On the UI thread: shows fresh data. */
    protected abstract void show(T data, WatchedKernel kernel, int vm);

    /** On the UI thread: the kernel is gone, so drop what was shown of it (no stale VM rows under the header). */
    protected abstract void clear();

    /** The header text for data of {@code vm}; views without a selected VM override it. */
    protected String headerFor(WatchedKernel kernel, int vm) {
        return kernel.label() + " \u2014 VM " + vm + " (monitor :" + kernel.port() + ", live)";
    }

    /** Fetch again now (selection or filter changed). */
    protected final void refreshNow() {
        if (refresh != null) {
            refresh.refreshNow();
        }
    }

    private void deliver(LiveRefresh.Outcome<T> outcome) {
        Display display = header.getDisplay();
        if (display.isDisposed()) {
            return;
        }
        display.asyncExec(() -> {
            if (header.isDisposed()) {
                return;
            }
            if (outcome.data() == null) {
                header.setText(outcome.problem() == null ? "" : outcome.problem());
                if (outcome.kernel() == null && lastShown != null) {
                    clear();
                    lastShown = null;
                }
                header.getParent().layout(new org.eclipse.swt.widgets.Control[] {header});
                return;
            }
            header.setText(headerFor(outcome.kernel(), outcome.vm()));
            show(outcome.data(), outcome.kernel(), outcome.vm());
            lastShown = outcome.data();
            shownCount++;
        });
    }

    /** How many refreshes have been shown so far (tests wait for live updates with it). */
    public long shownCount() {
        return shownCount;
    }

    /** The data of the last refresh shown, or null. */
    public T lastShown() {
        return lastShown;
    }

    /** The view's top control (screenshots). */
    public Composite rootControl() {
        return root;
    }

    public String headerText() {
        return header.getText();
    }

    /** Pauses the refresh while the view is hidden (another view on top of its stack, minimized). */
    private final IPartListener2 visibility = new IPartListener2() {
        @Override
        public void partVisible(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == LiveView.this && refresh != null) {
                refresh.setVisible(true);
            }
        }

        @Override
        public void partHidden(IWorkbenchPartReference ref) {
            if (ref.getPart(false) == LiveView.this && refresh != null) {
                refresh.setVisible(false);
            }
        }
    };

    @Override
    public void dispose() {
        getSite().getPage().removePartListener(visibility);
        VmContext.get().removeListener(vmChanged);
        if (contextService != null) {
            contextService.removeDebugContextListener(debugContext);
        }
        if (refresh != null) {
            refresh.stop();
        }
        super.dispose();
    }
}
