package org.denali.ide.views.context;

import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.core.launch.KernelCommandLine;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;

/**
 * A running kernel the views can watch: a live launch of the Denali Guest type whose delegate recorded the
 * monitor port ({@link KernelCommandLine#MONITOR_PORT_ATTRIBUTE}).
 */
public record WatchedKernel(ILaunch launch, int port) {

    /** The kernel to watch: the debug context's launch if it is a live Denali kernel, else the newest one. */
    public static WatchedKernel find(ILaunch preferred) {
        WatchedKernel fromContext = of(preferred);
        if (fromContext != null) {
            return fromContext;
        }
        ILaunch[] launches = DebugPlugin.getDefault().getLaunchManager().getLaunches();
        for (int i = launches.length - 1; i >= 0; i--) {
            WatchedKernel k = of(launches[i]);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /** {@code launch} as a watchable kernel, or null (not Denali, no monitor, or terminated). */
    public static WatchedKernel of(ILaunch launch) {
        if (launch == null || launch.isTerminated()) {
            return null;
        }
        String port = launch.getAttribute(KernelCommandLine.MONITOR_PORT_ATTRIBUTE);
        if (port == null) {
            return null;
        }
        try {
            int p = Integer.parseInt(port);
            return p > 0 && p <= 65535 ? new WatchedKernel(launch, p) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A short name for the view headers: the launch configuration's name. */
    public String label() {
        ILaunchConfiguration config = launch.getLaunchConfiguration();
        return config != null ? config.getName() : "Denali kernel";
    }

    /** The guest project the launch runs, or null (e.g. an attach launch, or a project deleted since). */
    public org.eclipse.core.resources.IProject project() {
        ILaunchConfiguration config = launch.getLaunchConfiguration();
        try {
            String name = config == null ? "" : GuestLaunchSettings.read(config).project();
            var project = name.isEmpty() ? null
                    : org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot().getProject(name);
            return project != null && project.exists() ? project : null;
        } catch (CoreException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The guest image's file, if the launch configuration names one (for symbols in the Disassembly view). */
    public java.nio.file.Path image() {
        ILaunchConfiguration config = launch.getLaunchConfiguration();
        if (config == null) {
            return null;
        }
        try {
            GuestLaunchSettings settings = GuestLaunchSettings.read(config);
            var project = org.eclipse.core.resources.ResourcesPlugin.getWorkspace().getRoot()
                    .getProject(settings.project());
            var file = project.exists() ? project.getFile(settings.image()) : null;
            return file == null || file.getLocation() == null ? null : file.getLocation().toFile().toPath();
        } catch (CoreException | IllegalArgumentException e) {
            return null;
        }
    }
}
