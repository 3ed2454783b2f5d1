package org.denali.ide.ui.debug;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.IRunToLineTarget;

/** Gives text editors of C and assembly files the Denali {@link RunToLineTarget} (the platform asks the part). */
public final class RunToLineAdapterFactory implements IAdapterFactory {
    private static final RunToLineTarget TARGET = new RunToLineTarget();

    @Override
    public <T> T getAdapter(Object adaptableObject, Class<T> adapterType) {
        return adapterType == IRunToLineTarget.class ? adapterType.cast(TARGET) : null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IRunToLineTarget.class};
    }
}
