package org.denali.ide.ui.debug;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.internal.ui.model.elements.DebugElementMementoProvider;
import org.eclipse.debug.internal.ui.viewers.model.provisional.IPresentationContext;
import org.eclipse.debug.ui.IDebugUIConstants;

import org.denali.ide.core.debug.DenaliStackFrame;

/**
 * Names a Denali frame for the views' remembered expansion: the Variables view keeps what the user expanded per
 * function (and frame depth), so a struct expanded in {@code consumer()} stays expanded after a step, with the new
 * values. The platform's default names a frame by its label, which holds the pc and line, so every step collapsed
 * the tree. The Registers view keeps one expansion for the model, as the platform does.
 */
@SuppressWarnings("restriction") // the memento providers are the debug UI's provisional API, as JDT and CDT use them
public final class FrameMementoProvider extends DebugElementMementoProvider {
    @Override
    protected String getElementName(Object element, IPresentationContext context) throws CoreException {
        if (!(element instanceof DenaliStackFrame frame)) {
            return null;
        }
        if (IDebugUIConstants.ID_REGISTER_VIEW.equals(context.getId())) {
            return frame.getModelIdentifier();
        }
        String function = frame.functionName();
        return (function != null ? function : String.format("0x%08x", frame.pc())) + "#" + frame.depth();
    }
}
