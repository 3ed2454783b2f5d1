package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

/** Runs a host tool (readelf, objdump, gcc, ld) for a test and insists it succeeds. */
final class HostTools {
    private HostTools() {
    }

    static String run(Path dir, String... command) throws InterruptedException {
        ToolRun run = ToolRun.run(List.of(command), dir);
        assertEquals(0, run.exitCode(), () -> String.join(" ", command) + " failed:\n" + run.output());
        return run.output();
    }
}
