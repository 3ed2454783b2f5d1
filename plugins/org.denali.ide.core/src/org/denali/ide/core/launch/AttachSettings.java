package org.denali.ide.core.launch;

import java.io.File;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * A Denali Attach launch configuration: the gdb port of a kernel that is already running
 * ({@code denali run IMAGE --gdb PORT}), the image it runs (for symbols and line tables) and optionally the project
 * whose sources to show.
 *
 * @param host    the kernel's host; the stub listens on localhost only, so another host needs a tunnel
 * @param port    its {@code --gdb} port
 * @param image   the ELF image: relative to {@code project} when one is given, else an absolute file path
 * @param project the guest project for sources and relative images, or empty
 */
public record AttachSettings(String host, int port, String image, String project) {
    public static final String TYPE_ID = "org.denali.ide.core.attachLaunch";
    private static final String HOST = "org.denali.ide.core.attach.host";
    private static final String PORT = "org.denali.ide.core.attach.port";

    public static AttachSettings read(ILaunchConfiguration config) throws CoreException {
        return new AttachSettings(config.getAttribute(HOST, "localhost"), config.getAttribute(PORT, 1234),
                config.getAttribute(GuestLaunchSettings.IMAGE, ""), GuestLaunchSettings.projectOf(config));
    }

    public void writeTo(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(HOST, host);
        config.setAttribute(PORT, port);
        config.setAttribute(GuestLaunchSettings.IMAGE, image);
        config.setAttribute(GuestLaunchSettings.PROJECT, project);
    }

    /** Why these settings cannot be used, or null; shared by the tab and the delegate. */
    public String validate() {
        if (host.isBlank()) {
            return "Enter the host of the Denali kernel (normally localhost).";
        }
        if (port < 1 || port > 65535) {
            return "The gdb port must be between 1 and 65535.";
        }
        if (image.isBlank()) {
            return "Enter the ELF image the kernel runs (for its symbols and source lines).";
        }
        if (!project.isBlank() && !ResourcesPlugin.getWorkspace().getRoot().getProject(project).isOpen()) {
            return "There is no open project '" + project + "'.";
        }
        if (project.isBlank() && !new File(image).isAbsolute()) {
            return "Without a project the image must be an absolute path.";
        }
        return null;
    }

    /** The image file on disk. */
    public File imageFile() throws CoreException {
        String problem = validate();
        if (problem != null) {
            throw new CoreException(Status.error(problem));
        }
        File file;
        if (project.isBlank()) {
            file = new File(image);
        } else {
            IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(project);
            IPath location = p.getFile(image).getLocation();
            file = location != null ? location.toFile() : new File(image);
        }
        if (!file.isFile()) {
            throw new CoreException(Status.error("The image " + file + " does not exist."));
        }
        return file;
    }
}
