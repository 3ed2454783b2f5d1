package org.denali.ide.core.launch;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;

/**
 * "Record execution (enables reverse debugging)": the kernel records the run ({@code denali run … --record FILE},
 * docs/debugging.md "Record and replay"). Under Debug As the kernel keeps the history in memory for reverse
 * execution (and needs {@code --deterministic}, which the delegate adds); under Run As it writes the log, which
 * {@code denali replay FILE} runs again. Off unless the configuration turns it on. The log goes to the project's
 * build folder, {@code build/record/<launch configuration>.rr}, one file per configuration that the next run
 * replaces.
 */
public final class RecordSettings {
    public static final String RECORD = "org.denali.ide.core.launch.record";
    /** Launch attribute: the log file of a recording launch (absent when the launch does not record). */
    public static final String RECORD_FILE_ATTRIBUTE = "org.denali.recordFile";
    static final String FOLDER = "build/record";

    private RecordSettings() {
    }

    public static boolean record(ILaunchConfiguration config) throws CoreException {
        return config.getAttribute(RECORD, false);
    }

    public static void setRecord(ILaunchConfigurationWorkingCopy config, boolean on) {
        config.setAttribute(RECORD, on);
    }

    /** Where {@code configuration}'s recording of {@code project} goes (a name safe for any file system). */
    public static Path logFile(IProject project, String configurationName) {
        String name = configurationName.replaceAll("[^A-Za-z0-9._-]+", "_");
        return project.getLocation().toFile().toPath().resolve(FOLDER).resolve(name + ".rr");
    }

    /** The {@code denali run} options: {@code --record FILE}, nothing when off. */
    public static List<String> runOptions(Path logFile) {
        return logFile == null ? List.of() : List.of("--record", logFile.toString());
    }
}
