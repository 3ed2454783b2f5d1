package org.denali.sdk.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** One finished external tool invocation: its command line, exit code and merged stdout/stderr. */
public record ToolRun(List<String> command, int exitCode, String output) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * Runs {@code command} in {@code directory}. A tool that cannot be started (not installed) is reported as
     * exit code 127 with the reason as output, like a shell would, so callers turn it into a diagnostic.
     */
    public static ToolRun run(List<String> command, Path directory) throws InterruptedException {
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().put("LC_ALL", "C"); // ASCII quotes and English messages, whatever the user's locale
            process = builder.start();
        } catch (IOException e) {
            return new ToolRun(List.copyOf(command), 127,
                    command.get(0) + ": error: cannot run " + command.get(0) + " (" + e.getMessage() + ")");
        }
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new ToolRun(List.copyOf(command), process.waitFor(), output);
        } catch (IOException e) {
            process.destroyForcibly();
            return new ToolRun(List.copyOf(command), 126, command.get(0) + ": error: " + e.getMessage());
        }
    }
}
