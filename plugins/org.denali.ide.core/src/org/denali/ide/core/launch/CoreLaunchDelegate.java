package org.denali.ide.core.launch;

import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;

import org.denali.ide.core.gdb.GdbException;
import org.denali.ide.core.gdb.GdbInspector;
import org.denali.ide.core.postmortem.CoreDebugTarget;

/**
 * Opens a core file as a post-mortem debug session: gdb on IMAGE with CORE as its target, the VM's frames,
 * variables, registers and memory in the debug views; nothing runs.
 */
public final class CoreLaunchDelegate extends LaunchConfigurationDelegate {
    @Override
    public void launch(ILaunchConfiguration configuration, String mode, ILaunch launch, IProgressMonitor monitor)
            throws CoreException {
        CoreSettings settings = CoreSettings.read(configuration);
        String problem = settings.validate();
        if (problem != null) {
            throw new CoreException(Status.error(problem));
        }
        Path image = Path.of(settings.image());
        Path core = Path.of(settings.core());
        GdbInspector gdb;
        try {
            gdb = GdbInspector.forCore(image, core);
        } catch (GdbException e) {
            throw new CoreException(Status.error("gdb cannot open " + core.getFileName() + " as a core of "
                    + image.getFileName() + ": " + e.getMessage(), e));
        }
        CoreDebugTarget target = new CoreDebugTarget(launch, image, core, gdb);
        launch.addDebugTarget(target);
        target.started();
    }

    @Override
    public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
        return false;
    }
}
