package org.denali.ide.ui.debug;

import org.eclipse.debug.ui.actions.DebugCommandHandler;

import org.denali.ide.core.debug.reverse.IReverseResumeHandler;
import org.denali.ide.core.debug.reverse.IReverseStepOverHandler;
import org.denali.ide.core.debug.reverse.IReverseStepReturnHandler;
import org.denali.ide.core.debug.reverse.IStepBackHandler;

/**
 * The handlers of the reverse commands (Debug view toolbar, Run menu, Shift+F5..F8 as in CDT): the platform's
 * {@link DebugCommandHandler} finds the command the selected VM adapts to and keeps the buttons enabled only
 * while it may run (a suspended VM of a recording launch).
 */
public final class ReverseCommandHandlers {
    private ReverseCommandHandlers() {
    }

    public static final class StepBack extends DebugCommandHandler {
        @Override
        protected Class<?> getCommandType() {
            return IStepBackHandler.class;
        }
    }

    public static final class StepOver extends DebugCommandHandler {
        @Override
        protected Class<?> getCommandType() {
            return IReverseStepOverHandler.class;
        }
    }

    public static final class StepReturn extends DebugCommandHandler {
        @Override
        protected Class<?> getCommandType() {
            return IReverseStepReturnHandler.class;
        }
    }

    public static final class Resume extends DebugCommandHandler {
        @Override
        protected Class<?> getCommandType() {
            return IReverseResumeHandler.class;
        }
    }
}
