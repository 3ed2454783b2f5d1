package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clean removes exactly what a build produced — the IDE's Clean and scripts rely on sources surviving it. */
class GuestProjectCleanTest {
    @TempDir
    Path dir;

    @Test
    void cleanRemovesBuildFolderAndImageButKeepsSources() throws Exception {
        Files.writeString(dir.resolve("main.c"), "int main(void){return 0;}\n");
        GuestProject project = GuestProject.load(dir);
        Files.createDirectories(project.buildDirectory().resolve("deep/er"));
        Files.writeString(project.buildDirectory().resolve("deep/er/x.o"), "o");
        Files.writeString(project.imageFile(), "elf");

        project.clean();
        assertFalse(Files.exists(project.buildDirectory()));
        assertFalse(Files.exists(project.imageFile()));
        assertTrue(Files.exists(dir.resolve("main.c")));
        project.clean(); // nothing left to clean is not an error
    }
}
