package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Shared by the build tests (and the gdb tests of other packages): one SDK, one library cache per test run, and
 * projects copied into temp folders.
 */
public final class TestBuilds {
    private static GuestBuilder builder;

    private TestBuilds() {
    }

    static synchronized GuestBuilder builder() throws ProjectException {
        if (builder == null) {
            SdkLayout sdk = SdkLayout.locate();
            builder = new GuestBuilder(sdk, sdk.root().resolve("target").resolve("test-libilwaco"));
        }
        return builder;
    }

    static Path repositoryRoot() throws ProjectException {
        return builder().sdk().root().getParent();
    }

    /** Copies examples/NAME (sources and properties; never a stale build) into {@code into}/NAME. */
    static Path copyExample(String name, Path into) throws IOException, ProjectException {
        return copyTree(repositoryRoot().resolve("examples").resolve(name), into.resolve(name));
    }

    /** Copies a test project from src/test/resources/org/denali/sdk/build/NAME into {@code into}/NAME. */
    static Path copyTestProject(String name, Path into) throws IOException, ProjectException {
        Path source = builder().sdk().root().resolve("src/test/resources/org/denali/sdk/build").resolve(name);
        return copyTree(source, into.resolve(name));
    }

    static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith("build") || rel.toString().endsWith(".elf")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    /** Copies examples/NAME into {@code into}/NAME, builds it (with -g, as every build) and returns the image. */
    public static Path buildExample(String name, Path into) throws Exception {
        return buildOk(copyExample(name, into)).image();
    }

    /** Copies the test project NAME (src/test/resources/org/denali/sdk/build) into {@code into}, builds it, returns the image. */
    public static Path buildTestProject(String name, Path into) throws Exception {
        return buildOk(copyTestProject(name, into)).image();
    }

    /** Like {@link #buildTestProject(String, Path)}, in the given configuration (-O0 debug or -O2 release). */
    public static Path buildTestProject(String name, Path into, BuildConfiguration configuration) throws Exception {
        Path project = copyTestProject(name, into);
        BuildResult result = builder().build(GuestProject.load(project).withConfiguration(configuration));
        assertTrue(result.succeeded(), () -> "build failed:\n" + result.diagnostics().stream()
                .map(d -> d.format(project)).collect(Collectors.joining("\n")));
        return result.image();
    }

    /** Builds and insists on success, showing every diagnostic otherwise. */
    static BuildResult buildOk(Path project) throws Exception {
        BuildResult result = builder().build(GuestProject.load(project));
        assertTrue(result.succeeded(), () -> "build failed:\n" + result.diagnostics().stream()
                .map(d -> d.format(project)).collect(Collectors.joining("\n")));
        return result;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
