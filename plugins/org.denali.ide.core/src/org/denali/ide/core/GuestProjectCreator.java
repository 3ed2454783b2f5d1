package org.denali.ide.core;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.denali.sdk.templates.ProjectTemplate;
import org.denali.sdk.templates.ProjectTemplates;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Creates a Denali guest project: the project, the Denali nature and the files of an SDK template.
 * This is the New Denali Guest Project wizard's whole operation, kept free of UI so tests and other
 * callers (example import, scripts) use exactly the same code.
 */
public final class GuestProjectCreator {
    private final IWorkspace workspace;

    public GuestProjectCreator(IWorkspace workspace) {
        this.workspace = workspace;
    }

    /** Why {@code name} cannot be a new guest project, or {@code null} if it can. */
    public String validateName(String name) {
        if (name == null || name.isEmpty()) {
            return "Enter a project name.";
        }
        if (!ProjectTemplates.isValidProjectName(name)) {
            return "Use letters, digits, '-', '_' and '.', starting with a letter (the name becomes the image name).";
        }
        IStatus status = workspace.validateName(name, org.eclipse.core.resources.IResource.PROJECT);
        if (!status.isOK()) {
            return status.getMessage();
        }
        if (workspace.getRoot().getProject(name).exists()) {
            return "A project named '" + name + "' already exists.";
        }
        return null;
    }

    /**
     * Creates and opens the project, adds the nature and writes the template's files.
     *
     * @param location where the project lives on disk, or {@code null} for the default workspace location
     */
    public IProject create(String name, String templateId, URI location, IProgressMonitor monitor)
            throws CoreException {
        String problem = validateName(name);
        if (problem != null) {
            throw new CoreException(Status.error(problem));
        }
        ProjectTemplate template = ProjectTemplates.find(templateId).orElseThrow(
                () -> new CoreException(Status.error("No Denali project template named '" + templateId + "'.")));
        Map<String, String> variables = new java.util.HashMap<>(ProjectTemplates.variablesFor(name));
        variables.put("memory", Long.toString(DenaliPreferences.defaultMemory())); // Preferences > Denali
        Map<String, String> files = template.render(variables);
        IProject project = workspace.getRoot().getProject(name);
        IWorkspaceRunnable operation = m -> {
            SubMonitor sub = SubMonitor.convert(m, "Creating Denali guest " + name, files.size() + 2);
            IProjectDescription description = workspace.newProjectDescription(name);
            description.setLocationURI(location);
            description.setNatureIds(new String[] {DenaliNature.ID});
            description.setBuildSpec(DenaliNature.withBuilder(description));
            project.create(description, sub.split(1));
            project.open(sub.split(1));
            // an explicit project encoding: without one Eclipse warns in Problems, and builds read UTF-8 anyway
            project.setDefaultCharset(StandardCharsets.UTF_8.name(), null);
            for (Map.Entry<String, String> file : files.entrySet()) {
                IFile target = project.getFile(file.getKey());
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                target.create(new ByteArrayInputStream(bytes), true, sub.split(1));
                target.setCharset(StandardCharsets.UTF_8.name(), null);
            }
        };
        workspace.run(operation, workspace.getRoot(), IWorkspace.AVOID_UPDATE, monitor);
        return project;
    }

    /** True if the project is open and carries the Denali nature. */
    public static boolean isGuestProject(IProject project) {
        try {
            return project.isOpen() && project.hasNature(DenaliNature.ID);
        } catch (CoreException e) {
            return false;
        }
    }
}
