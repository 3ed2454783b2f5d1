package org.denali.ide.core.launch;

import java.util.List;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * Whether the kernel compiles hot guest code to JVM bytecode ({@code denali run --jit on|off}); on unless the
 * configuration turns it off. Debugging is exact either way (breakpoints, watchpoints and steps run interpreted).
 */
public final class CompilerSettings {
    public static final String COMPILE = "org.denali.ide.core.launch.jit";

    private CompilerSettings() {
    }

    public static boolean compile(ILaunchConfiguration config) throws CoreException {
        return config.getAttribute(COMPILE, true);
    }

    public static void setCompile(ILaunchConfigurationWorkingCopy config, boolean on) {
        config.setAttribute(COMPILE, on);
    }

    /** The {@code denali run} options for the setting: nothing for the default. */
    public static List<String> runOptions(boolean compile) {
        return compile ? List.of() : List.of("--jit", "off");
    }
}
