package org.denali.ide.core.build;

import org.eclipse.core.resources.IProject;

/**
 * Hears what the Denali builder did, e.g. the UI's build console. The core bundle has no UI, so output
 * flows through this interface instead of to a console directly.
 */
public interface GuestBuildListener {
    /** One line of build output for {@code project} (commands, diagnostics, the result). */
    void output(IProject project, String line);
}
