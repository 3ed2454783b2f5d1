package org.denali.ide.views.context;

import java.lang.reflect.Method;
import java.util.OptionalInt;

/**
 * The VM a debug-model element stands for. The Denali debug model (org.denali.ide.core.debug, DenaliThread) has a
 * public {@code int vmId()}; this reads it by name so the views work with every version of that model without a
 * compile-time dependency on it (and simply find nothing on other debug models).
 */
public final class DebugContextVm {
    private DebugContextVm() {
    }

    public static OptionalInt vmIdOf(Object element) {
        if (element == null) {
            return OptionalInt.empty();
        }
        try {
            Method m = element.getClass().getMethod("vmId");
            if (m.getReturnType() == int.class) {
                return OptionalInt.of((Integer) m.invoke(element));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not a Denali thread
        }
        return OptionalInt.empty();
    }
}
