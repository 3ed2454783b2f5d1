package org.denali.ide.core.debug;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.sourcelookup.ISourceContainer;
import org.eclipse.debug.core.sourcelookup.ISourcePathComputerDelegate;
import org.eclipse.debug.core.sourcelookup.containers.ProjectSourceContainer;

import org.denali.ide.core.launch.GuestLaunchSettings;

/**
 * The default source path of a Denali launch: sources by the absolute path in the DWARF lines (the project's files
 * and the SDK's), then the launch's project by relative name (images built elsewhere).
 */
public final class DenaliSourcePathComputer implements ISourcePathComputerDelegate {
    public static final String ID = "org.denali.ide.core.sourcePathComputer";

    @Override
    public ISourceContainer[] computeSourceContainers(ILaunchConfiguration configuration, IProgressMonitor monitor)
            throws CoreException {
        List<ISourceContainer> containers = new ArrayList<>();
        containers.add(new AbsolutePathSourceContainer());
        String projectName = GuestLaunchSettings.projectOf(configuration);
        if (!projectName.isBlank()) {
            IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(projectName);
            if (project.exists()) {
                containers.add(new ProjectSourceContainer(project, false));
            }
        }
        return containers.toArray(new ISourceContainer[0]);
    }
}
