package org.denali.ide.ui.launch;

import org.denali.ide.core.GuestProjectCreator;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.debug.ui.actions.ILaunchable;

/**
 * Makes resources of Denali guest projects {@link ILaunchable}. The platform shows Run As / Debug As in the
 * context menus of Project Explorer only for selections that adapt to it (JDT and CDT register the same kind
 * of factory for their elements); which shortcuts the submenu then lists is decided by their enablement.
 */
public class LaunchableAdapterFactory implements IAdapterFactory {
    private static final ILaunchable LAUNCHABLE = new ILaunchable() {
    };

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adapterType == ILaunchable.class && adaptable instanceof IResource resource
                && GuestProjectCreator.isGuestProject(resource.getProject())) {
            return adapterType.cast(LAUNCHABLE);
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {ILaunchable.class};
    }
}
