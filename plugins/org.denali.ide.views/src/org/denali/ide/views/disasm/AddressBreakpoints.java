package org.denali.ide.views.disasm;

import java.util.HashSet;
import java.util.Set;

import org.denali.ide.core.debug.DenaliAddressBreakpoint;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.IBreakpointManager;
import org.eclipse.debug.core.model.IBreakpoint;

/**
 * The Disassembly view's breakpoints: Denali address breakpoints owned by the platform's breakpoint manager (so
 * the Breakpoints view lists them and a debug session installs them), written as {@code 0x%08x} expressions.
 */
final class AddressBreakpoints {
    private AddressBreakpoints() {
    }

    static String expression(long address) {
        return String.format("0x%08x", address);
    }

    /** Removes the breakpoint at {@code address} if there is one, else adds one on {@code resource}. */
    static void toggle(IResource resource, long address) throws CoreException {
        IBreakpointManager manager = DebugPlugin.getDefault().getBreakpointManager();
        String expression = expression(address);
        for (IBreakpoint breakpoint : manager.getBreakpoints()) {
            if (breakpoint instanceof DenaliAddressBreakpoint b && expression.equals(b.expression())) {
                manager.removeBreakpoint(b, true);
                return;
            }
        }
        manager.addBreakpoint(new DenaliAddressBreakpoint(resource, expression));
    }

    /** The addresses that have an address breakpoint given as a number (symbolic ones are not resolved here). */
    static Set<Long> addresses() {
        Set<Long> addresses = new HashSet<>();
        for (IBreakpoint breakpoint : DebugPlugin.getDefault().getBreakpointManager().getBreakpoints()) {
            if (breakpoint instanceof DenaliAddressBreakpoint b && b.expression().startsWith("0x")) {
                try {
                    addresses.add(Long.parseLong(b.expression().substring(2), 16));
                } catch (NumberFormatException e) {
                    // an expression someone typed by hand: not one of ours
                }
            }
        }
        return addresses;
    }
}
