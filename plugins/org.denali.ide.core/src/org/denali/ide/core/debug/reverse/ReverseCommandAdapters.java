package org.denali.ide.core.debug.reverse;

import java.util.Map;

import org.eclipse.core.runtime.IAdapterFactory;

/**
 * Adapts Denali VMs and their frames to the reverse debug commands (declared in plugin.xml), as the platform adapts
 * them to its own step and resume commands. The commands hold no state, so one of each serves every element.
 */
public final class ReverseCommandAdapters implements IAdapterFactory {
    private final Map<Class<?>, Object> instances = Map.of(
            IStepBackHandler.class, new ReverseCommand.StepBack(),
            IReverseStepOverHandler.class, new ReverseCommand.StepOver(),
            IReverseStepReturnHandler.class, new ReverseCommand.StepReturn(),
            IReverseResumeHandler.class, new ReverseCommand.Resume());

    @Override
    public <T> T getAdapter(Object adaptableObject, Class<T> adapterType) {
        Object command = instances.get(adapterType);
        return command == null ? null : adapterType.cast(command);
    }

    @Override
    public Class<?>[] getAdapterList() {
        return instances.keySet().toArray(new Class<?>[0]);
    }
}
