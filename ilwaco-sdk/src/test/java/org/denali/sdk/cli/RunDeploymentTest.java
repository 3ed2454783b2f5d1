package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.templates.ProjectTemplates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code denali run FILE.denali}: the deployment's own validation, then its VMs on the kernel. */
class RunDeploymentTest {
    @TempDir
    Path dir;

    private CliSession cli;

    @BeforeEach
    void session() {
        cli = CliSession.runOnly(dir);
    }

    private void buildHello() throws Exception {
        Path project = dir.resolve("hello");
        ProjectTemplates.instantiate(ProjectTemplates.find("hello").orElseThrow(), project, "hello");
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded(), result.diagnostics().toString());
    }

    @Test
    void runsEveryVmOfTheDeploymentWithPrefixedConsoles() throws Exception {
        buildHello();
        Files.writeString(dir.resolve("trio.denali"), """
            deployment trio {
                kernel { clock deterministic }
                vm greeter {
                    image "hello/hello.elf"
                    count 3
                    memory 4 MiB
                }
            }
            """);
        assertEquals(0, cli.denali("run", "trio.denali"), cli.err());
        String console = cli.out();
        for (int i = 0; i < 3; i++) {
            assertTrue(console.contains("[greeter#" + i + "] Hello from hello on Denali VM"), console);
        }
        assertTrue(console.contains("with 4096 KiB of memory"), "the group's memory reaches the VM: " + console);
    }

    @Test
    void aDeploymentWithErrorsIsReportedLikeCheckAndNotRun() throws Exception {
        Files.writeString(dir.resolve("bad.denali"), """
            deployment bad {
                vm web {
                    image "missing.elf"
                    count 2
                    memory 5 GiB
                }
            }
            """);
        assertEquals(1, cli.denali("run", "bad.denali"));
        String errors = cli.err();
        assertTrue(errors.contains("bad.denali:5:"), errors);
        assertTrue(errors.contains("error:"), errors);
        assertTrue(errors.contains("has errors; nothing was run"), errors);
        assertEquals("", cli.out());
    }

    @Test
    void flagsAreRefusedWithADeploymentAndAMissingFileIsOneLine() {
        assertEquals(2, cli.denali("run", "farm.denali", "--count", "2"));
        assertTrue(cli.err().contains("run it without flags"));
        cli.clear();
        assertEquals(1, cli.denali("run", "nope.denali"));
        assertTrue(cli.err().contains("nope.denali: no such file"), cli.err());
    }
}
