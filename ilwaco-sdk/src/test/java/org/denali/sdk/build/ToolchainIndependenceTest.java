package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build needs the host's stock gcc/as/ld/ar only: no cross compiler, no 32-bit multilib headers or
 * libraries, no libgcc. Checked on what the tools actually did, not on what we hoped they would do.
 */
class ToolchainIndependenceTest {
    @TempDir
    Path temp;

    @Test
    void onlyStockToolsRunAndEveryCompileIsFreestandingI386WithoutHostHeaders() throws Exception {
        Path project = TestBuilds.copyExample("threads", temp);
        // A fresh library cache, so the library's own compiles are inspected too.
        GuestBuilder fresh = new GuestBuilder(TestBuilds.builder().sdk(), temp.resolve("cache"));
        BuildResult result = fresh.build(GuestProject.load(project));
        assertTrue(result.succeeded(), result.diagnostics().toString());
        assertFalse(result.compiledLibrary().isEmpty());
        for (ToolRun run : result.runs()) {
            String tool = run.command().get(0);
            assertTrue(List.of("gcc", "ar", "ld").contains(tool), "a stock tool, not a cross compiler: " + tool);
            if (tool.equals("gcc")) {
                assertTrue(run.command().containsAll(List.of("-m32", "-ffreestanding", "-nostdinc", "-nostdlib")),
                        run.command().toString());
            }
            if (tool.equals("ld")) {
                assertTrue(run.command().contains("-nostdlib"));
                assertTrue(run.command().stream().noneMatch(a -> a.startsWith("-l") || a.startsWith("-L")),
                        "no library search, so no libgcc/libc can be pulled in: " + run.command());
            }
        }
    }

    @Test
    void everyHeaderAnyObjectWasCompiledFromIsTheSdksOrTheProjects() throws Exception {
        Path project = TestBuilds.copyExample("threads", temp);
        TestBuilds.buildOk(project);
        SdkLayout sdk = TestBuilds.builder().sdk();
        List<Path> dependencyFiles;
        try (Stream<Path> walk = Stream.concat(Files.walk(project.resolve("build")),
                Files.walk(TestBuilds.builder().libraryCache()))) {
            dependencyFiles = walk.filter(p -> p.toString().endsWith(".d")).toList();
        }
        assertTrue(dependencyFiles.size() > 15, dependencyFiles.toString());
        for (Path d : dependencyFiles) {
            for (Path input : DependencyFile.prerequisites(d, d.getParent())) {
                assertTrue(input.startsWith(sdk.includeDir()) || input.startsWith(sdk.librarySources())
                        || input.startsWith(project), d + " depends on a host file: " + input);
            }
        }
    }

    @Test
    void theImageHasNoUndefinedSymbolsAndNoLibgccHelpersFromTheHost() throws Exception {
        Path image = TestBuilds.buildOk(TestBuilds.copyExample("hello", temp)).image();
        String symbols = HostTools.run(temp, "nm", image.toString());
        assertFalse(symbols.lines().anyMatch(l -> l.trim().startsWith("U ")), symbols);
        String map = HostTools.run(temp, "readelf", "-p", ".comment", image.toString());
        assertEquals(1, map.lines().filter(l -> l.contains("GCC:")).count(), "one compiler, the host's gcc: " + map);
    }
}
