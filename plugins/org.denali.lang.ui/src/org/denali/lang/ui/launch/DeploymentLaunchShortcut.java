package org.denali.lang.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;

/** Run As > Denali Deployment on a .denali file or its editor: reuses or creates the file's configuration. */
public final class DeploymentLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof IFile file) {
            launch(file, mode);
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        if (editor.getEditorInput() instanceof IFileEditorInput input) {
            launch(input.getFile(), mode);
        }
    }

    private static void launch(IFile file, String mode) {
        try {
            DebugUITools.launch(configurationFor(file), mode);
        } catch (CoreException e) {
            org.eclipse.core.runtime.ILog.of(DeploymentLaunchShortcut.class).error("cannot launch " + file, e);
        }
    }

    /** The existing configuration for the file, or a new saved one named after it. */
    public static ILaunchConfiguration configurationFor(IFile file) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(DeploymentLaunch.TYPE);
        String path = file.getFullPath().toString();
        for (ILaunchConfiguration existing : manager.getLaunchConfigurations(type)) {
            if (path.equals(existing.getAttribute(DeploymentLaunch.FILE, ""))) {
                return existing;
            }
        }
        ILaunchConfigurationWorkingCopy copy = type.newInstance(null,
            manager.generateLaunchConfigurationName(file.getProject().getName() + " " + file.getName()));
        copy.setAttribute(DeploymentLaunch.FILE, path);
        return copy.doSave();
    }
}
