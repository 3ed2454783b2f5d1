package org.denali.ide.ui.console;

import org.denali.ide.core.build.GuestBuildListeners;
import org.eclipse.ui.IStartup;

/** Connects the Denali builder's output to the build console as soon as the workbench is up. */
public class BuildConsoleStartup implements IStartup {
    @Override
    public void earlyStartup() {
        GuestBuildListeners.add(new BuildConsole());
    }
}
