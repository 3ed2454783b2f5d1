package org.denali.ide.core.debug;

import java.io.File;
import java.net.URI;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.sourcelookup.ISourceContainerType;
import org.eclipse.debug.core.sourcelookup.containers.AbstractSourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.LocalFileStorage;

/**
 * Finds a source by the absolute path the compiler recorded: the workspace file at that location when there is
 * one (so the editor shows the project's file, with its breakpoints), else the file on disk (e.g. the SDK's
 * library sources) read-only.
 */
public final class AbsolutePathSourceContainer extends AbstractSourceContainer {
    public static final String TYPE_ID = "org.denali.ide.core.absolutePathSourceContainer";

    @Override
    public Object[] findSourceElements(String name) throws CoreException {
        if (name == null || !new File(name).isAbsolute()) {
            return EMPTY;
        }
        URI uri = new File(name).toURI();
        for (IFile file : ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(uri)) {
            if (file.exists()) {
                return new Object[] {file};
            }
        }
        File onDisk = new File(name);
        return onDisk.isFile() ? new Object[] {new LocalFileStorage(onDisk)} : EMPTY;
    }

    @Override
    public String getName() {
        return "Absolute file paths";
    }

    @Override
    public ISourceContainerType getType() {
        return getSourceContainerType(TYPE_ID);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbsolutePathSourceContainer;
    }

    @Override
    public int hashCode() {
        return AbsolutePathSourceContainer.class.hashCode();
    }

}
