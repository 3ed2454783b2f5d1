package org.denali.ide.ui.console;

import org.denali.ide.core.build.GuestBuildListener;
import org.eclipse.core.resources.IProject;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.MessageConsole;
import org.eclipse.ui.console.MessageConsoleStream;

/** The "Denali Build" console: every line the Denali builder reports, prefixed by the project's name. */
public final class BuildConsole implements GuestBuildListener {
    public static final String NAME = "Denali Build";

    private final MessageConsole console = new MessageConsole(NAME, null);
    private final MessageConsoleStream stream = console.newMessageStream();

    public BuildConsole() {
        ConsolePlugin.getDefault().getConsoleManager().addConsoles(new IConsole[] {console});
    }

    @Override
    public void output(IProject project, String line) {
        stream.println("[" + project.getName() + "] " + line); // MessageConsoleStream is safe from any thread
    }

    public MessageConsole console() {
        return console;
    }
}
