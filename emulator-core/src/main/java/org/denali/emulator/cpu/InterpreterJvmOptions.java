package org.denali.emulator.cpu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options a process that runs guests should start with, from {@code interpreter.jvm-options} next to this
 * class (the file says why each one is there; the {@code ./denali} script reads the same file). Launchers such as
 * the IDE's kernel command line put them before the main class.
 */
public final class InterpreterJvmOptions {
    private static final String RESOURCE = "interpreter.jvm-options";

    private InterpreterJvmOptions() {
    }

    /** The options, in file order: every non-blank line that is not a {@code #} comment. */
    public static List<String> recommended() {
        try (InputStream in = InterpreterJvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the emulator-core jar");
            }
            List<String> options = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String option = line.strip();
                if (!option.isEmpty() && !option.startsWith("#")) {
                    options.add(option);
                }
            }
            return List.copyOf(options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recommended options this JVM was not started with (benchmarks print them next to their numbers). */
    public static List<String> missingFromThisJvm() {
        List<String> running = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return recommended().stream().filter(option -> !running.contains(option)).toList();
    }
}
