package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int denali(String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), Path.of("."));
        return new DenaliCli(List.of(new BenchCommand())).run(List.of(args), context);
    }

    /** Issue 13: the hostile soak's short form through the command line; every must-be-zero row is 0. */
    @Test
    void hostileSoakReportsZeroHostExceptionsLostBystandersAndLeftovers() {
        assertEquals(0, denali("bench", "hostile", "--seconds", "1", "--seed", "7"), out.toString(StandardCharsets.UTF_8)
            + err.toString(StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        for (String zero : List.of("host exceptions", "lost bystanders", "leftover processes", "leftover files")) {
            assertTrue(table.contains("| " + zero + " | 0 |"), table);
        }
        assertTrue(table.contains("| random instruction streams | 512 |"), table);
        assertTrue(table.matches("(?s).*\\| faults #PF \\| [0-9,]+ \\|.*"), table);
        assertTrue(table.contains("| bystander checks passed | 64 |"), table);
    }

    /** The link's bench: a row per frame size, and no frame lost over loopback. */
    @Test
    void vxlanReportsRoundTripsAndStreamRatesWithNothingDropped() {
        assertEquals(0, denali("bench", "vxlan", "--frames", "500"), err.toString(StandardCharsets.UTF_8));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("| frame | round trip p50 | p90 | p99 | stream frames/s | stream MB/s | dropped |"),
            table);
        assertTrue(table.matches("(?s).*\\| 64 B \\| [0-9.]+ µs \\| [0-9.]+ µs \\| [0-9.]+ µs \\| [0-9,]+ "
            + "\\| [0-9.]+ \\| 0 \\|.*"), table);
        assertTrue(table.matches("(?s).*\\| 1,514 B \\| .* \\| 0 \\|\n.*"), table);
        assertEquals(2, denali("bench", "vxlan", "--frames", "5"));
    }

    @Test
    void scaleReportsARowPerVmCountWithSwitchesMeasured() {
        assertEquals(0, denali("bench", "scale", "--counts", "10,20", "--seconds", "1", "--idle-us", "100"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("| VMs | heap per VM out of memory | heap per admitted VM |"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| 10 | ") && l.contains("idle wakes")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| 10 | ") && l.contains("| 100.0% |")),
            "the run lasts until every VM has run: " + table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| 20 | ")), table);
    }

    @Test
    void unknownBenchmarkAndBadCountsAreUsageErrors() {
        assertEquals(2, denali("bench", "speed"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected the benchmark name 'scale'"));
        assertEquals(2, denali("bench", "scale", "--counts", "ten"));
        assertEquals(2, denali("bench", "scale", "--counts", "0"));
    }

    // bench cpu: the output's shape and the exact guest instruction counts, never the speed.

    @Test
    void cpuLoopReportsEveryRunWithTheGuestsInstructionCountAndASummary() {
        assertEquals(0, denali("bench", "cpu", "loop", "--instructions", "600000", "--repeat", "3"));
        String text = out.toString(StandardCharsets.UTF_8);
        // 100,000 iterations of 6 instructions, plus mov ecx, mov esi and terminate
        String count = String.format("%,d instructions", 600_003);
        for (int run = 1; run <= 3; run++) {
            String prefix = "interpreter run " + run + ": " + count + " in ";
            assertTrue(text.lines().anyMatch(l -> l.startsWith(prefix)
                && l.matches(".* MIPS \\(thread CPU .* MIPS\\)")), text);
            String compiled = "compiler    run " + run + ": " + count + " in ";
            assertTrue(text.lines().anyMatch(l -> l.startsWith(compiled)
                && l.matches(".* MIPS \\(thread CPU .* MIPS\\); \\d+% compiled")), text);
        }
        assertTrue(text.lines().anyMatch(l -> l.matches("interpreter runs 2-3, thread CPU: .* MIPS, median .*")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("compiler    runs 2-3, thread CPU: .* MIPS, median .*")), text);
        assertTrue(text.startsWith("CPU interpreter and compiler, guest loop, "), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\| compiler \\| [0-9,]+ \\| [0-9.]+ \\| [0-9.]* \\|")), text);
    }

    @Test
    void cpuSummaryCoversTheLaterHalfOfTheRuns() {
        assertEquals(0, denali("bench", "cpu", "loop", "--instructions", "60000", "--repeat", "6"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.matches("interpreter runs 4-6, thread CPU: .* MIPS, median .*")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("JVM options: ")), text);
    }

    @Test
    void cpuCallRunsEightInstructionsPerIteration() {
        assertEquals(0, denali("bench", "cpu", "call", "--instructions", "800", "--repeat", "1", "--no-compare",
            "--jit-threshold", "0"));
        String text = out.toString(StandardCharsets.UTF_8);
        // 100 iterations of call, push, mov, add, pop, ret, dec, jnz; plus mov ecx and terminate
        assertTrue(text.contains("interpreter run 1: " + String.format("%,d", 802) + " instructions in "), text);
        assertTrue(text.contains("compiler    run 1: " + String.format("%,d", 802) + " instructions in "), text);
        assertTrue(text.lines().noneMatch(l -> l.contains(" runs ")), "no summary for one run: " + text);
        assertTrue(text.lines().noneMatch(l -> l.startsWith("native")), "--no-compare: " + text);
    }

    @Test
    void cpuRunsAFlatBinaryUntilTerminate(@TempDir Path dir) throws IOException {
        // mov $10,%ecx; 1: dec %ecx; jnz 1b; mov $42,%eax; terminate: 1 + 2 * 10 + 2 instructions
        Path file = dir.resolve("countdown.bin");
        Files.write(file, new byte[] {(byte) 0xB9, 10, 0, 0, 0, 0x49, 0x75, (byte) 0xFD, (byte) 0xB8, 42, 0, 0, 0,
            0x0F, 0x0C});
        assertEquals(0, denali("bench", "cpu", file.toString(), "--repeat", "2", "--compare"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("guest countdown.bin, until terminate or "), text);
        assertTrue(text.contains("interpreter run 2: 23 instructions in "), text);
        assertTrue(text.contains("compiler    run 2: 23 instructions in "), text);
        assertTrue(text.contains("guest exit value (terminate's eax): 42"), text);
        assertTrue(text.contains("compare: only the loop, call and mix benchmarks have a native build"), text);
    }

    @Test
    void cpuCompareTimesTheSameLoopNativelyAndUnderQemuWhenInstalled() {
        assertEquals(0, denali("bench", "cpu", "loop", "--instructions", "6000000", "--repeat", "1", "--compare"));
        String text = out.toString(StandardCharsets.UTF_8);
        String count = String.format("%,d instructions", 6_000_003);
        // CPU time has a 10 ms resolution: a short run may show none
        String timing = " in .* MIPS \\(wall, process start included(; CPU .* MIPS)?\\)";
        assertTrue(text.lines().anyMatch(l -> l.matches("native:    " + count + timing)),
            "the native build must run and exit 0: " + text);
        assertTrue(text.lines().anyMatch(l -> l.matches("qemu-i386: " + count + timing)
            || l.equals("qemu-i386: not installed (Debian package qemu-user); skipped")), text);
    }

    @Test
    void cpuMixBuildsTheMixedCGuestAndChecksItsChecksumNativelyAndUnderQemu() {
        assertEquals(0, denali("bench", "cpu", "mix", "--rounds", "1", "--repeat", "1"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("CPU interpreter and compiler, guest mix, "), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("compiler    run 1: .* MIPS\\); \\d+% compiled")), text);
        // the native build returns the same checksum as the emulated one: no "exit status" complaint
        assertTrue(text.lines().anyMatch(l -> l.startsWith("native:    ") && !l.contains("exit status")), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("qemu-i386: ") && !l.contains("exit status")), text);
        assertTrue(text.contains("| interpreter | "), text);
        assertTrue(text.contains("| native | "), text);
        // one whole `denali run` per engine in a fresh JVM, with the same checksum as its exit status
        for (String engine : new String[] {"interpreter", "compiler"}) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(String.format("%-10s", engine + ":"))
                && l.contains("one `denali run`") && !l.contains("exit status")), text);
            assertTrue(text.contains("| " + engine + ", one whole run | "), text);
        }
    }

    @Test
    void cpuReportsAGuestThatDoesNotTerminateAndBadArguments(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ud2.bin");
        Files.write(file, new byte[] {(byte) 0x90, 0x0F, 0x0B});
        assertEquals(1, denali("bench", "cpu", file.toString(), "--repeat", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the guest stopped after 1 instructions: "),
            err.toString(StandardCharsets.UTF_8));
        assertEquals(1, denali("bench", "cpu", dir.resolve("missing.elf").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot load "));
        Path badElf = dir.resolve("bad.elf");
        Files.write(badElf, new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0});
        assertEquals(1, denali("bench", "cpu", badElf.toString()));
        assertEquals(2, denali("bench", "cpu", "loop", "--instructions", "0"));
        assertEquals(2, denali("bench", "cpu", "loop", "--repeat", "0"));
        assertEquals(2, denali("bench", "cpu", "loop", "--counts", "10"));
        assertEquals(2, denali("bench", "cpu", "loop", "extra"));
        assertEquals(2, denali("bench", "scale", "--compare"));
        assertEquals(2, denali("bench", "cpu", "loop", "--engine", "fast"));
        assertEquals(2, denali("bench", "cpu", "loop", "--jit-threshold", "-1"));
    }
}
