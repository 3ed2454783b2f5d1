package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.build.SdkLayout;

/** For the CLI tests of examples/: copying and building an example, and running host tools (curl, tar, tshark). */
final class ExampleProjects {
    private ExampleProjects() {
    }

    static Path repositoryRoot() throws Exception {
        return SdkLayout.locate().root().getParent();
    }

    /** Copies examples/NAME (no build output) into {@code into}/NAME and builds it warning-free; returns the copy. */
    static Path buildExample(String name, Path into) throws Exception {
        Path from = repositoryRoot().resolve("examples").resolve(name);
        Path to = into.resolve(name);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                String rel = from.relativize(p).toString();
                if (rel.startsWith("build") || rel.endsWith(".elf")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to.resolve(rel));
                } else {
                    Files.copy(p, to.resolve(rel));
                }
            }
        }
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(to));
        assertTrue(result.succeeded() && result.diagnostics().isEmpty(), () -> result.diagnostics().stream()
            .map(d -> d.format(to)).collect(Collectors.joining("\n")));
        return to;
    }

    /** Runs a host command in {@code dir}, insisting on exit status 0 within two minutes; returns its stdout. */
    static String host(Path dir, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " hung");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed: " + text);
        return text;
    }
}
