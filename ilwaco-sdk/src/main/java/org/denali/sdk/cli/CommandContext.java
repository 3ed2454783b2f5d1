package org.denali.sdk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a command may touch: its input and output streams and the directory it was started in.
 *
 * @param in what {@code denali run} feeds the first VM's keyboard; only the real command line passes the process's
 *     stdin — an embedding (the IDE, a test) that reads System.in would steal its host's own input
 */
public record CommandContext(InputStream in, PrintStream out, PrintStream err, Path workingDirectory) {

    /** A context with no keyboard input (end of file at once). */
    public CommandContext(PrintStream out, PrintStream err, Path workingDirectory) {
        this(InputStream.nullInputStream(), out, err, workingDirectory);
    }

    /** Resolves a path argument against the working directory, as a shell user expects. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
