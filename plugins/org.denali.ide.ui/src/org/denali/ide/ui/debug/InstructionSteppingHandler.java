package org.denali.ide.ui.debug;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.ui.handlers.HandlerUtil;

import org.denali.ide.core.debug.InstructionStepping;

/**
 * The Debug view's "Instruction Stepping Mode" toggle: while on, the step commands of Denali VMs step single
 * instructions instead of source lines.
 */
public final class InstructionSteppingHandler extends AbstractHandler {
    public static final String COMMAND_ID = "org.denali.ide.ui.instructionStepping";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        boolean wasOn = HandlerUtil.toggleCommandState(event.getCommand());
        InstructionStepping.setEnabled(!wasOn);
        return null;
    }
}
