package org.denali.ide.core.launch;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/** Debugger options shared by the Denali Guest (debug mode) and Denali Attach launch configurations. */
public final class DebugSettings {
    /** Trace every RSP packet to a console of its own. */
    public static final String TRACE_PROTOCOL = "org.denali.ide.core.launch.traceProtocol";

    private DebugSettings() {
    }

    public static boolean traceProtocol(ILaunchConfiguration config) throws CoreException {
        return config.getAttribute(TRACE_PROTOCOL, false);
    }

    public static void setTraceProtocol(ILaunchConfigurationWorkingCopy config, boolean on) {
        config.setAttribute(TRACE_PROTOCOL, on);
    }
}
