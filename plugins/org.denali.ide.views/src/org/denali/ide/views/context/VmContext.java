package org.denali.ide.views.context;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.model.IDebugElement;
import org.eclipse.debug.core.model.IProcess;
import org.eclipse.debug.ui.contexts.DebugContextEvent;
import org.eclipse.debug.ui.contexts.IDebugContextListener;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;

/**
 * Which VM the Denali views show, shared by all of them: set by selecting a VM in the Scheduler view, or by the
 * debug context (a Denali thread = a VM) when a debug session exists. Also remembers the debug context's launch,
 * so the views watch the kernel being debugged. Fields are read from refresh jobs, hence volatile.
 */
public final class VmContext implements IDebugContextListener {
    private static final VmContext INSTANCE = new VmContext();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile int vm = 1;
    private volatile ILaunch debugLaunch;

    private VmContext() {
    }

    public static VmContext get() {
        return INSTANCE;
    }

    public int vm() {
        return vm;
    }

    public ILaunch debugLaunch() {
        return debugLaunch;
    }

    /** Makes {@code vmId} the VM every Denali view shows. */
    public void select(int vmId) {
        if (vmId > 0 && vmId != vm) {
            vm = vmId;
            listeners.forEach(Runnable::run);
        }
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Follows the debug context: its launch becomes the watched kernel, a Denali thread the selected VM. */
    @Override
    public void debugContextChanged(DebugContextEvent event) {
        if ((event.getFlags() & DebugContextEvent.ACTIVATED) != 0) {
            follow(event.getContext());
        }
    }

    /** Takes the watched launch and the VM from a debug context selection (the Debug view's). */
    public void follow(ISelection context) {
        if (!(context instanceof IStructuredSelection selection)) {
            return;
        }
        Object element = selection.getFirstElement();
        ILaunch launch = launchOf(element);
        if (launch != null) {
            debugLaunch = launch;
        }
        OptionalInt id = DebugContextVm.vmIdOf(element);
        if (id.isPresent()) {
            select(id.getAsInt());
        } else if (launch != null) {
            listeners.forEach(Runnable::run);
        }
    }

    static ILaunch launchOf(Object element) {
        if (element instanceof ILaunch l) {
            return l;
        }
        if (element instanceof IDebugElement d) {
            return d.getLaunch();
        }
        if (element instanceof IProcess p) {
            return p.getLaunch();
        }
        if (element instanceof IAdaptable a) {
            ILaunch l = a.getAdapter(ILaunch.class);
            if (l != null) {
                return l;
            }
            IDebugElement d = a.getAdapter(IDebugElement.class);
            return d != null ? d.getLaunch() : null;
        }
        return null;
    }
}
