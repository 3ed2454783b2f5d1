package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host commands for the tests that link a guest to Linux networking (network namespaces need root). */
final class HostCommands {
    private HostCommands() {
    }

    /** Runs {@code command} in network namespace {@code namespace}. */
    static String inNamespace(String namespace, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return sh(full.toArray(new String[0]));
    }

    /** Runs a host command; a failure names the command and what it printed (e.g. no root for netns). */
    static String sh(String... command) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("host-command", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " hung");
            }
            String err = Files.readString(errors);
            assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed (the test needs root, "
                + "iproute2 and a kernel with network namespaces, veth and vxlan): " + out + err);
            return out;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** Runs a clean-up command whose failure (the thing is gone already) does not matter. */
    static void quietly(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(60, TimeUnit.SECONDS);
    }
}
