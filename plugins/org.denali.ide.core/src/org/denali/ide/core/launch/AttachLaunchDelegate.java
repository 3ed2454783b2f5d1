package org.denali.ide.core.launch;

import java.io.File;
import java.io.IOException;
import java.time.Duration;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

import org.denali.ide.core.debug.DenaliDebugTarget;
import org.denali.ide.core.debug.GuestSymbols;
import org.denali.ide.core.rsp.RspConnection;

/**
 * Attaches the debugger to a kernel that is already running with {@code --gdb PORT} (started from a shell, or on
 * another machine behind a tunnel). The stub stops every VM when a client attaches, so the VMs are shown stopped
 * where they were; Disconnect lets them run on, Terminate ends the kernel.
 */
public final class AttachLaunchDelegate extends LaunchConfigurationDelegate {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        AttachSettings settings = AttachSettings.read(configuration);
        File image = settings.imageFile();
        GuestSymbols symbols;
        try {
            symbols = GuestSymbols.read(image.toPath());
        } catch (IOException e) {
            throw new CoreException(Status.error(e.getMessage(), e));
        }
        RspConnection connection;
        try {
            connection = RspConnection.connect(settings.host(), settings.port(), TIMEOUT);
        } catch (IOException e) {
            throw new CoreException(Status.error("Cannot attach to a Denali kernel at " + settings.host() + ":"
                    + settings.port() + " (" + e.getMessage() + "). Is it running with --gdb " + settings.port()
                    + "?", e));
        }
        DenaliDebugTarget target = new DenaliDebugTarget(launch, null, "Denali kernel at " + settings.host() + ":"
                + settings.port() + " (" + image.getName() + ")", connection, symbols);
        try {
            target.start(false, DebugSettings.traceProtocol(configuration));
        } catch (IOException e) {
            connection.close();
            throw new CoreException(Status.error("The kernel at " + settings.host() + ":" + settings.port()
                    + " does not speak the Denali gdb protocol: " + e.getMessage(), e));
        }
    }

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        return false;
    }
}
