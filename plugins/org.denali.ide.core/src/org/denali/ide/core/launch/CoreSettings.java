package org.denali.ide.core.launch;

import java.io.IOException;
import java.io.InputStream;
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
        String problem = file("image", image, ET_EXEC);
        return problem != null ? problem : file("core file", core, ET_CORE);
    }

    /** ELF file types (e_type) a Denali Core launch takes: the linked guest image and a core. */
    private static final int ET_EXEC = 2;
    private static final int ET_CORE = 4;

    private static String file(String what, String path, int elfType) {
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
        if (elfType(p) != elfType) {
            return "'" + p.getFileName() + "' is not " + (elfType == ET_CORE
                    ? "an ELF core file (Save Core..., monitor core or denali run --core-dir write one)."
                    : "a linked ELF image (the guest's NAME.elf).");
        }
        return null;
    }

    /** The ELF e_type of a 32-bit little-endian ELF file, or -1 for anything else (or an unreadable file). */
    private static int elfType(Path p) {
        byte[] head = new byte[18];
        try (InputStream in = Files.newInputStream(p)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return -1;
            }
        } catch (IOException e) {
            return -1;
        }
        boolean elf32le = head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F' && head[4] == 1
                && head[5] == 1;
        return elf32le ? (head[16] & 0xFF) | (head[17] & 0xFF) << 8 : -1;
    }
}
