package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.denali.sdk.templates.ProjectTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the SDK, and the project the `denali new` / IDE wizard template creates builds and runs. */
class SdkLayoutTest {
    @TempDir
    Path temp;

    @Test
    void theSdkIsFoundBesideTheClassesAsInTheRepository() throws Exception {
        SdkLayout sdk = SdkLayout.locate();
        assertTrue(sdk.isComplete());
        assertEquals("ilwaco-sdk", sdk.root().getFileName().toString());
    }

    @Test
    void aConfiguredSdkHomeWithoutTheSdkIsRejectedByName() {
        String before = System.getProperty(SdkLayout.PROPERTY);
        System.setProperty(SdkLayout.PROPERTY, temp.toString());
        try {
            ProjectException e = assertThrows(ProjectException.class, SdkLayout::locate);
            assertTrue(e.getMessage().contains(temp.toString()), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(SdkLayout.PROPERTY);
            } else {
                System.setProperty(SdkLayout.PROPERTY, before);
            }
        }
    }

    @Test
    void theHelloTemplateBuildsAndGreetsByProjectName() throws Exception {
        Path project = temp.resolve("greeter");
        ProjectTemplates.instantiate(ProjectTemplates.find("hello").orElseThrow(), project, "greeter");
        BuildResult build = TestBuilds.buildOk(project);
        assertEquals(project.resolve("greeter.elf"), build.image());
        GuestMachine.Outcome run = GuestMachine.load(build.image()).run(5_000_000);
        assertTrue(run.console().startsWith("Hello from greeter on Denali VM "), run.console());
        assertEquals(0, run.exitCode());
    }
}
