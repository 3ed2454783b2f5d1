package org.denali.ide.ui.launch;

import java.util.Optional;

import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;

/**
 * Run As > Denali Guest on a guest project (runs {@code PROJECT.elf}) or on an {@code .elf} file in one: reuses
 * the configuration for that project and image if there is one, otherwise creates it with default VM settings.
 */
public class GuestLaunchShortcut implements ILaunchShortcut {

    @Override
    public void launch(ISelection selection, String mode) {
        if (selection instanceof IStructuredSelection structured) {
            target(Adapters.adapt(structured.getFirstElement(), IResource.class)).ifPresent(s -> launch(s, mode));
        }
    }

    @Override
    public void launch(IEditorPart editor, String mode) {
        target(Adapters.adapt(editor.getEditorInput(), IResource.class)).ifPresent(s -> launch(s, mode));
    }

    /** The settings to run for {@code resource}, or empty if it is not in a guest project. */
    static Optional<GuestLaunchSettings> target(IResource resource) {
        if (resource == null || !GuestProjectCreator.isGuestProject(resource.getProject())) {
            return Optional.empty();
        }
        IProject project = resource.getProject();
        GuestLaunchSettings defaults = GuestLaunchSettings.defaults(project.getName());
        if (resource instanceof IFile file && "elf".equals(file.getFileExtension())) {
            String image = file.getProjectRelativePath().toString();
            return Optional.of(new GuestLaunchSettings(project.getName(), image, defaults.count(), defaults.memory(),
                    defaults.quantum(), defaults.physMemory(), defaults.deterministic(), defaults.syncInterrupts()));
        }
        return Optional.of(defaults);
    }

    private static void launch(GuestLaunchSettings settings, String mode) {
        try {
            DebugUITools.launch(configurationFor(settings), mode);
        } catch (CoreException e) {
            ErrorDialog.openError(Display.getCurrent().getActiveShell(), "Denali Guest",
                    "Cannot create the launch configuration.", e.getStatus());
        }
    }

    /** A configuration is named after its project, or project and image when it runs another image. */
    static String configurationName(GuestLaunchSettings settings) {
        String image = settings.image().replaceFirst("^.*/", "");
        return settings.image().equals(settings.project() + ".elf") ? settings.project()
                : settings.project() + " " + image;
    }

    private static ILaunchConfiguration configurationFor(GuestLaunchSettings settings) throws CoreException {
        ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
        ILaunchConfigurationType type = manager.getLaunchConfigurationType(GuestLaunchSettings.TYPE_ID);
        for (ILaunchConfiguration existing : manager.getLaunchConfigurations(type)) {
            GuestLaunchSettings other = GuestLaunchSettings.read(existing);
            if (other.project().equals(settings.project()) && other.image().equals(settings.image())) {
                return existing;
            }
        }
        ILaunchConfigurationWorkingCopy copy = type.newInstance(null,
                manager.generateLaunchConfigurationName(configurationName(settings)));
        settings.writeTo(copy);
        // Mapped to its project, so the configuration is filtered, renamed and deleted with it.
        copy.setMappedResources(new IResource[] {ResourcesPlugin.getWorkspace().getRoot().getProject(settings.project())});
        return copy.doSave();
    }
}
