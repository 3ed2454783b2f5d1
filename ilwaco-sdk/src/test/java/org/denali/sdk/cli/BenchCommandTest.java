package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int denali(String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Path.of("."));
        return new DenaliCli(List.of(new BenchCommand())).run(List.of(args), context);
    }

    @Test
    void scaleReportsARowPerVmCountWithSwitchesMeasured() {
        assertEquals(0, denali("bench", "scale", "--counts", "10,20", "--seconds", "1", "--idle-us", "100"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("| VMs | heap per VM |"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| 10 | ") && l.contains("idle wakes")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| 20 | ")), table);
    }

    @Test
    void unknownBenchmarkAndBadCountsAreUsageErrors() {
        assertEquals(2, denali("bench", "speed"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected the benchmark name 'scale'"));
        assertEquals(2, denali("bench", "scale", "--counts", "ten"));
        assertEquals(2, denali("bench", "scale", "--counts", "0"));
    }
}
