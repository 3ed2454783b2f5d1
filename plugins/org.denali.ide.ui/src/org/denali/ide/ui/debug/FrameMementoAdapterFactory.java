package org.denali.ide.ui.debug;

import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.internal.ui.viewers.model.provisional.IElementMementoProvider;

import org.denali.ide.core.debug.DenaliStackFrame;

/** Gives Denali frames their {@link FrameMementoProvider} (before the platform's one for any stack frame). */
@SuppressWarnings("restriction")
public final class FrameMementoAdapterFactory implements IAdapterFactory {
    private static final FrameMementoProvider PROVIDER = new FrameMementoProvider();

    @Override
    public <T> T getAdapter(Object adaptableObject, Class<T> adapterType) {
        if (adaptableObject instanceof DenaliStackFrame && adapterType == IElementMementoProvider.class) {
            return adapterType.cast(PROVIDER);
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IElementMementoProvider.class};
    }
}
