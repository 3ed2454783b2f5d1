package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only what changed is recompiled: sources, headers they include (via gcc -MD), or the flags. */
class IncrementalBuildTest {
    @TempDir
    Path project;

    @BeforeEach
    void writeProject() {
        TestBuilds.write(project.resolve("shared.h"), "int helper(int);\n");
        TestBuilds.write(project.resolve("main.c"), "#include <stdio.h>\nint helper(int);\n"
                + "int main(void) { printf(\"%d\\n\", helper(20)); return 0; }\n");
        TestBuilds.write(project.resolve("lib/helper.c"), "#include \"shared.h\"\n"
                + "int helper(int x) { int unused; return x + 1; }\n");
    }

    private BuildResult build() throws Exception {
        return TestBuilds.builder().build(GuestProject.load(project));
    }

    /** Moves a file's timestamp into the future, as an editor save after the last build would. */
    private static void touch(Path file) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    }

    @Test
    void aSecondBuildCompilesAndLinksNothingButStillReportsWarnings() throws Exception {
        BuildResult first = TestBuilds.buildOk(project);
        assertEquals(List.of(project.resolve("lib/helper.c"), project.resolve("main.c")), first.compiledSources());
        assertTrue(first.linked());
        BuildResult second = TestBuilds.buildOk(project);
        assertEquals(List.of(), second.compiledSources());
        assertEquals(List.of(), second.compiledLibrary());
        assertFalse(second.linked());
        assertEquals(first.diagnostics(), second.diagnostics(), "the unused-variable warning survives");
        assertEquals(1, second.diagnostics().size());
    }

    @Test
    void touchingOneSourceRecompilesOnlyItAndRelinks() throws Exception {
        TestBuilds.buildOk(project);
        touch(project.resolve("main.c"));
        BuildResult result = TestBuilds.buildOk(project);
        assertEquals(List.of(project.resolve("main.c")), result.compiledSources());
        assertTrue(result.linked());
    }

    @Test
    void touchingAHeaderRecompilesOnlyTheSourcesThatIncludeIt() throws Exception {
        TestBuilds.buildOk(project);
        touch(project.resolve("shared.h"));
        assertEquals(List.of(project.resolve("lib/helper.c")), TestBuilds.buildOk(project).compiledSources());
    }

    @Test
    void changingCflagsRecompilesEverything() throws Exception {
        TestBuilds.buildOk(project);
        TestBuilds.write(project.resolve("denali.properties"), "cflags=-O0\n");
        assertEquals(2, TestBuilds.buildOk(project).compiledSources().size());
    }

    @Test
    void removingASourceRelinksWithoutIt() throws Exception {
        TestBuilds.write(project.resolve("extra.c"), "int extra(void) { return 1; }\n");
        TestBuilds.buildOk(project);
        Files.delete(project.resolve("extra.c"));
        BuildResult result = TestBuilds.buildOk(project);
        assertEquals(List.of(), result.compiledSources());
        assertTrue(result.linked());
    }

    @Test
    void aFixedErrorIsRebuiltAndAnErrorNeverLeavesAStaleObjectBehind() throws Exception {
        TestBuilds.buildOk(project);
        TestBuilds.write(project.resolve("main.c"), "int main(void) { return }\n");
        touch(project.resolve("main.c"));
        assertFalse(build().succeeded());
        assertFalse(build().succeeded(), "the broken file is retried, not skipped as up to date");
        TestBuilds.write(project.resolve("main.c"), "int main(void) { return 0; }\n");
        touch(project.resolve("main.c"));
        assertTrue(build().succeeded());
    }
}
