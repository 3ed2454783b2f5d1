package org.denali.ide.core;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectNature;

/**
 * Marks a workspace project as a Denali guest: a folder of C and assembly sources that the Ilwaco
 * toolchain builds into one guest image. Later the nature also installs the Denali builder.
 */
public class DenaliNature implements IProjectNature {
    /** Extension id in plugin.xml, qualified by the bundle name. */
    public static final String ID = "org.denali.ide.core.denaliNature";

    private IProject project;

    @Override
    public void configure() {
        // The builder arrives with the build issue; until then the nature only identifies guest projects.
    }

    @Override
    public void deconfigure() {
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
