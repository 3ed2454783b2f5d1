package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK as an installed bundle sees it: only what the jar carries, extracted to a cache. */
class EmbeddedSdkTest {
    @TempDir
    Path cache;

    @Test
    void indexNamesEveryCFileOfTheRepositorySdk() throws Exception {
        List<String> index = EmbeddedSdk.index().orElseThrow();
        SdkLayout repository = SdkLayout.locate();
        for (String part : List.of("include", "libilwaco", "link")) {
            try (var files = Files.walk(repository.root().resolve(part))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = repository.root().relativize(f).toString().replace('\\', '/');
                    assertTrue(index.contains(name), name + " is not embedded");
                }
            }
        }
    }

    @Test
    void extractsOnceToAContentNamedFolderAndBuildsHelloFromIt() throws Exception {
        SdkLayout extracted = EmbeddedSdk.extract(cache).orElseThrow();
        assertTrue(extracted.isComplete());
        SdkLayout repository = SdkLayout.locate();
        assertArrayEquals(Files.readAllBytes(repository.includeDir().resolve("denali.h")),
                Files.readAllBytes(extracted.includeDir().resolve("denali.h")));
        assertEquals(extracted, EmbeddedSdk.extract(cache).orElseThrow(), "an unchanged SDK is reused");
        try (var entries = Files.list(cache)) {
            assertEquals(1, entries.count(), "no staging folder left behind");
        }

        Path project = cache.resolve("proj");
        Files.createDirectories(project);
        Files.writeString(project.resolve("main.c"), "#include <stdio.h>\nint main(void){ printf(\"x\\n\"); return 3; }\n");
        BuildResult result = new GuestBuilder(extracted, cache.resolve("lib")).build(GuestProject.load(project));
        assertTrue(result.succeeded(), result.diagnostics().toString());
        assertTrue(Files.isRegularFile(result.image()));
    }
}
