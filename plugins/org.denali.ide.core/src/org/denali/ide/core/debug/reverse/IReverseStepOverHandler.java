package org.denali.ide.core.debug.reverse;

import org.eclipse.debug.core.commands.IDebugCommandHandler;

/** Reverse Step Over: back to the previous line of the function, calls undone whole (a Denali VM of a recording launch adapts to it; the Debug view's command handler asks for it). */
public interface IReverseStepOverHandler extends IDebugCommandHandler {
}
