package org.denali.ide.core.debug.reverse;

import org.eclipse.debug.core.commands.IDebugCommandHandler;

/** Reverse Step Return: back to the call of the current function (a Denali VM of a recording launch adapts to it; the Debug view's command handler asks for it). */
public interface IReverseStepReturnHandler extends IDebugCommandHandler {
}
