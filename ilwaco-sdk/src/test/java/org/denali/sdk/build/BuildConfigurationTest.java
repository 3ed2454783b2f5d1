package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.denali.sdk.cli.CommandContext;
import org.denali.sdk.cli.DenaliCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debug and Release configurations: chosen in denali.properties or with {@code denali build --config}. */
class BuildConfigurationTest {
    @TempDir
    Path temp;

    @Test
    void namesParseCaseInsensitivelyAndABadNameListsTheGoodOnes() {
        assertEquals(BuildConfiguration.DEBUG, BuildConfiguration.parse(" Debug "));
        assertEquals(BuildConfiguration.RELEASE, BuildConfiguration.parse("release"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildConfiguration.parse("fast"));
        assertEquals("'fast' is not a build configuration: use debug or release", e.getMessage());
    }

    @Test
    void theProjectChoosesItsConfigurationAndReleaseIsTheDefault() throws Exception {
        TestBuilds.copyExample("hello", temp);
        Path hello = temp.resolve("hello");
        assertEquals(BuildConfiguration.RELEASE, GuestProject.load(hello).configuration());
        Files.writeString(hello.resolve("denali.properties"), "build.configuration=debug\n");
        assertEquals(BuildConfiguration.DEBUG, GuestProject.load(hello).configuration());
        Files.writeString(hello.resolve("denali.properties"), "build.configuration=fast\n");
        ProjectException e = assertThrows(ProjectException.class, () -> GuestProject.load(hello));
        assertTrue(e.getMessage().endsWith("build.configuration 'fast' is not a build configuration: use debug or"
                + " release"), e.getMessage());
    }

    @Test
    void debugCompilesWithO0AndFramePointersInItsOwnFolderAndReleaseWithO2() throws Exception {
        TestBuilds.copyExample("hello", temp);
        Result debug = denali("build", "--config", "debug", "--verbose", "hello");
        assertEquals(0, debug.code(), debug.err());
        String compile = compileLine(debug.err());
        assertTrue(compile.contains(" -O0 ") && compile.contains(" -fno-omit-frame-pointer ") && compile.contains(" -g "),
                compile);
        assertFalse(compile.contains(" -O2 "), compile);
        assertTrue(compile.contains("build/debug/obj/"), compile);
        assertTrue(Files.isRegularFile(temp.resolve("hello/hello.elf")));

        Result release = denali("build", "--config", "release", "--verbose", "hello");
        assertEquals(0, release.code(), release.err());
        String releaseCompile = compileLine(release.err());
        assertTrue(releaseCompile.contains(" -O2 ") && releaseCompile.contains("build/release/obj/"), releaseCompile);
        assertFalse(releaseCompile.contains(" -O0 "), releaseCompile);
        assertTrue(release.err().contains(" -T "), "switching configurations relinks the image: " + release.err());
    }

    @Test
    void anUnknownConfigurationIsAUsageError() throws Exception {
        TestBuilds.copyExample("hello", temp);
        Result r = denali("build", "--config", "fast", "hello");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--config 'fast' is not a build configuration: use debug or release"), r.err());
    }

    private static String compileLine(String verbose) {
        return verbose.lines().filter(l -> l.startsWith("gcc ") && l.contains("hello.c")).findFirst()
                .orElseThrow(() -> new AssertionError("no gcc line for hello.c in:\n" + verbose));
    }

    private record Result(int code, String out, String err) {
    }

    private Result denali(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp);
        int code = new DenaliCli(DenaliCli.commands()).run(List.of(args), context);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
