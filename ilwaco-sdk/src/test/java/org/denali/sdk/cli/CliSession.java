package org.denali.sdk.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Runs {@code denali} in-process for tests: one working directory, captured stdout and stderr. */
final class CliSession {
    private final Path workingDirectory;
    private final List<Command> commands;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Every command, as the real CLI has them. */
    CliSession(Path workingDirectory) {
        this(workingDirectory, DenaliCli.commands());
    }

    CliSession(Path workingDirectory, List<Command> commands) {
        this.workingDirectory = workingDirectory;
        this.commands = List.copyOf(commands);
    }

    /** Only {@code denali run}, with an empty stdin for the guests' keyboard. */
    static CliSession runOnly(Path workingDirectory) {
        return new CliSession(workingDirectory, List.of(new RunCommand(new ByteArrayInputStream(new byte[0]))));
    }

    /** The exit code of {@code denali ARGS...}. */
    int denali(String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), workingDirectory);
        return new DenaliCli(commands).run(List.of(args), context);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was printed so far, between invocations of one test. */
    void clear() {
        out.reset();
        err.reset();
    }
}
