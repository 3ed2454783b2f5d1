package org.denali.ide.core.debug;

import org.eclipse.debug.core.sourcelookup.ISourceContainer;
import org.eclipse.debug.core.sourcelookup.containers.AbstractSourceContainerTypeDelegate;

/** Persists {@link AbsolutePathSourceContainer} in a launch's source path (it has no settings). */
public final class AbsolutePathSourceContainerType extends AbstractSourceContainerTypeDelegate {
    private static final String MEMENTO = "absolutePaths";

    @Override
    public ISourceContainer createSourceContainer(String memento) {
        return new AbsolutePathSourceContainer();
    }

    @Override
    public String getMemento(ISourceContainer container) {
        return MEMENTO;
    }
}
