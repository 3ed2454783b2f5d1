package org.denali.ide.lsp;

import org.denali.ide.lsp.client.ServerRegistry;
import org.denali.ide.lsp.editor.DiagnosticMarkers;
import org.denali.ide.lsp.editor.UnavailableServerNotice;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Plugin;
import org.eclipse.core.runtime.Status;
import org.osgi.framework.BundleContext;

/** The bundle's lifecycle: language servers live as long as the workbench, and are shut down with it. */
public class LspPlugin extends Plugin {
    public static final String ID = "org.denali.ide.lsp";

    private static LspPlugin instance;

    public static LspPlugin get() {
        return instance;
    }

    @Override
    public void start(BundleContext context) throws Exception {
        super.start(context);
        instance = this;
        ServerRegistry.get().addDiagnosticsListener(DiagnosticMarkers::publish);
        ServerRegistry.get().addUnavailableListener(UnavailableServerNotice::serverUnavailable);
        ResourcesPlugin.getWorkspace().addResourceChangeListener(closing,
                IResourceChangeEvent.PRE_CLOSE | IResourceChangeEvent.PRE_DELETE);
    }

    /** A project that closes or goes away takes its server with it. */
    private final IResourceChangeListener closing = event -> {
        if (event.getResource() instanceof IProject project && project.getLocation() != null) {
            ServerRegistry.get().shutdown(project.getLocation().toPath());
        }
    };

    @Override
    public void stop(BundleContext context) throws Exception {
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(closing);
        ServerRegistry.get().shutdownAll();
        instance = null;
        super.stop(context);
    }

    public static void warn(String message, Throwable cause) {
        ILog.of(LspPlugin.class).log(Status.warning(message, cause));
    }

    public static void info(String message) {
        ILog.of(LspPlugin.class).log(Status.info(message));
    }
}
