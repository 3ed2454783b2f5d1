package org.denali.ide.core.debug.reverse;

import org.eclipse.debug.core.commands.IDebugCommandHandler;

/** Step Back (reverse Step Into): back to the start of the line that ran before the current one (a Denali VM of a recording launch adapts to it; the Debug view's command handler asks for it). */
public interface IStepBackHandler extends IDebugCommandHandler {
}
