package org.denali.ide.core.launch;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * A Denali Core launch configuration: the guest's ELF image (symbols, lines, CFI) and an ELF core file of one of
 * its VMs ("Save Core…", {@code monitor core VM FILE}, {@code denali run --core-dir DIR}), both absolute paths.
 */
public record CoreSettings(String image, String core) {
    public static final String TYPE_ID = "org.denali.ide.core.coreLaunch";
    private static final String CORE = "org.denali.ide.core.core.file";

    public static CoreSettings read(ILaunchConfiguration config) throws CoreException {
        return new CoreSettings(config.getAttribute(GuestLaunchSettings.IMAGE, ""), config.getAttribute(CORE, ""));
    }

    public void writeTo(ILaunchConfigurationWorkingCopy config) {
        config.setAttribute(GuestLaunchSettings.IMAGE, image);
        config.setAttribute(CORE, core);
    }

    /** Why these settings cannot be used, or null; shared by the tab and the delegate. */
    public String validate() {
        String problem = file("image", image);
        return problem != null ? problem : file("core file", core);
    }

    private static String file(String what, String path) {
        if (path.isBlank()) {
            return "Enter the " + what + " (an absolute path).";
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            return "The " + what + " must be an absolute path, not '" + path + "'.";
        }
        if (!Files.isRegularFile(p)) {
            return "There is no " + what + " '" + path + "'.";
        }
        return null;
    }
}
