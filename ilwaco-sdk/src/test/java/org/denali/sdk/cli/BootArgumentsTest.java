package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ilwaco/bootargs.h: a key=value line typed before the VM starts (how deployments hand workloads to guests). */
class BootArgumentsTest {
    @TempDir
    Path dir;

    private Path image;
    private int exitCode;

    @BeforeEach
    void build() throws Exception {
        Path project = Files.createDirectories(dir.resolve("args"));
        Files.writeString(project.resolve("args.c"), """
            #include <ilwaco/bootargs.h>
            #include <ilwaco/keyboard.h>
            #include <stdio.h>

            int main(void)
            {
                int n = bootargs_load();
                if (n < 0) {
                    printf("error: %s\\n", bootargs_error());
                    return 1;
                }
                const char *name = bootargs_get("name");
                unsigned size = bootargs_u32("size", 7);
                printf("words %d name %s size %u error '%s'\\n", n, name ? name : "(none)", size, bootargs_error());
                int next = keyboard_poll();
                printf("next key %d\\n", next);
                return 0;
            }
            """);
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded(), result.diagnostics().toString());
        image = result.image();
    }

    private CliSession run(String keyboard) {
        CliSession cli = new CliSession(dir, List.of(new RunCommand(
            new ByteArrayInputStream(keyboard.getBytes(StandardCharsets.US_ASCII)))));
        // deterministic: stdin is queued before the VM starts, as a deployment types its boot arguments
        exitCode = cli.denali("run", "--deterministic", image.toString());
        return cli;
    }

    @Test
    void theFirstLineIsReadAndTheRestOfTheKeyboardIsLeftAlone() {
        CliSession cli = run("name=web size=4096\nq");
        assertTrue(cli.out().contains("words 2 name web size 4096 error ''"), cli.out() + cli.err());
        assertTrue(cli.out().contains("next key " + (int) 'q'), "the line only: " + cli.out());
    }

    @Test
    void withoutALineTheDefaultsHold() {
        CliSession cli = run("");
        assertTrue(cli.out().contains("words 0 name (none) size 7 error ''"), cli.out() + cli.err());
    }

    @Test
    void malformedArgumentsAreOneClearMessage() {
        assertTrue(run("size=12x\n").out().contains("words 1 name (none) size 7 error 'boot arguments: size=12x is"
            + " not a number'"), "a bad number keeps the default and says why");
        CliSession word = run("name=web stray\n");
        assertTrue(word.out().contains("error: boot arguments: 'stray' is not key=value"), word.out());
        CliSession longLine = run("name=" + "x".repeat(600) + "\n");
        assertTrue(longLine.out().contains("error: boot arguments: the line is longer than 511 bytes"), longLine.out());
        assertEquals(1, exitCode, "the guest's own exit status for a refused line");
    }
}
