package org.denali.emulator.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The interpreter's JVM options file parses, and this project's JVM (Java 17) starts with every option in it. */
class InterpreterJvmOptionsTest {
    @Test
    void theRunningJavaAcceptsEveryRecommendedOption() throws Exception {
        List<String> options = InterpreterJvmOptions.recommended();
        assertFalse(options.isEmpty(), "interpreter.jvm-options lists no option");
        for (String option : options) {
            assertTrue(option.startsWith("-") && !option.contains(" "), "one option per line: '" + option + "'");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-version");
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), "java " + options + " -version failed:\n" + output);
    }
}
