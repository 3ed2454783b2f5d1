package org.denali.ide.core.debug.reverse;

import org.eclipse.debug.core.commands.IDebugCommandHandler;

/** Reverse Resume: run backwards to the last breakpoint hit, or the start of the history (a Denali VM of a recording launch adapts to it; the Debug view's command handler asks for it). */
public interface IReverseResumeHandler extends IDebugCommandHandler {
}
