package org.denali.sdk.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** What a command may touch: its output streams and the directory it was started in. */
public record CommandContext(PrintStream out, PrintStream err, Path workingDirectory) {

    /** Resolves a path argument against the working directory, as a shell user expects. */
    public Path resolve(String path) {
        return workingDirectory.resolve(path).normalize();
    }
}
