package org.denali.ide.core;

import java.util.Arrays;

import org.denali.ide.core.build.DenaliBuilder;
import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;

/**
 * Marks a workspace project as a Denali guest: a folder of C and assembly sources that the Ilwaco
 * toolchain builds into one guest image. The nature owns the Denali builder's place in the build spec.
 */
public class DenaliNature implements IProjectNature {
    /** Extension id in plugin.xml, qualified by the bundle name. */
    public static final String ID = "org.denali.ide.core.denaliNature";

    private IProject project;

    @Override
    public void configure() throws CoreException {
        IProjectDescription description = project.getDescription();
        if (!hasBuilder(description)) {
            description.setBuildSpec(withBuilder(description));
            project.setDescription(description, null);
        }
    }

    @Override
    public void deconfigure() throws CoreException {
        IProjectDescription description = project.getDescription();
        description.setBuildSpec(Arrays.stream(description.getBuildSpec())
                .filter(c -> !DenaliBuilder.ID.equals(c.getBuilderName())).toArray(ICommand[]::new));
        project.setDescription(description, null);
    }

    /** True if the description's build spec runs the Denali builder. */
    public static boolean hasBuilder(IProjectDescription description) {
        return Arrays.stream(description.getBuildSpec()).anyMatch(c -> DenaliBuilder.ID.equals(c.getBuilderName()));
    }

    /** The description's build spec with the Denali builder appended. */
    public static ICommand[] withBuilder(IProjectDescription description) {
        ICommand[] spec = description.getBuildSpec();
        ICommand command = description.newCommand();
        command.setBuilderName(DenaliBuilder.ID);
        ICommand[] result = Arrays.copyOf(spec, spec.length + 1);
        result[spec.length] = command;
        return result;
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }
}
