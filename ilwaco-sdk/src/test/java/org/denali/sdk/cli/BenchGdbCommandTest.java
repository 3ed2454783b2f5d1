package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.denali.sdk.build.TestBuilds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code denali bench gdb}: the shape of its report (a row per run with every column filled) and its errors, on
 * examples/hello built with -g and real gdb. Never the speed.
 */
class BenchGdbCommandTest {
    @TempDir
    Path temp;
    private Path hello;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void buildHello() throws Exception {
        hello = TestBuilds.buildExample("hello", temp);
    }

    private int denali(String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), temp);
        return new DenaliCli(List.of(new BenchCommand())).run(List.of(args), context);
    }

    @Test
    void reportsARowPerRunWithGdbAndStubRoundTrips() {
        assertEquals(0, denali("bench", "gdb", hello.toString(), "--steps", "50", "--repeat", "2"),
            err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("GDB stub single-step round trip: hello.elf, 1 VM(s), 50 steps from main, 2 run(s)"),
            text);
        assertTrue(text.contains("| run | gdb `stepi N` | gdb per stepi | gdb stepi/s | stub `vCont;s` median |"), text);
        String number = "[\\d,]+";
        for (int run = 1; run <= 2; run++) {
            String row = "\\| " + run + " \\| \\d+\\.\\d{3} s \\| " + number + " µs \\| " + number + " \\| "
                + number + " µs \\| " + number + " µs \\| " + number + " \\| " + number + " µs \\| " + number + " µs \\|";
            assertTrue(text.lines().anyMatch(l -> l.matches(row)), "row " + run + ":\n" + text);
        }
    }

    @Test
    void withSeveralVmsOnlyTheStubIsTimed() {
        assertEquals(0, denali("bench", "gdb", hello.toString(), "--steps", "20", "--repeat", "1", "--count", "50"),
            err.toString(StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("GDB stub single-step round trip: hello.elf, 50 VM(s), 20 steps from main"), text);
        String number = "[\\d,]+";
        String row = "\\| 1 \\| — \\| — \\| — \\| " + number + " µs \\| " + number + " µs \\| " + number + " \\| "
            + number + " µs \\| " + number + " µs \\|";
        assertTrue(text.lines().anyMatch(l -> l.matches(row)), text);
    }

    @Test
    void aGuestThatEndsWithinTheStepsIsAnErrorNotANumber() {
        // hello runs about 1,300 instructions after main
        assertEquals(1, denali("bench", "gdb", hello.toString(), "--steps", "100000", "--repeat", "1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("did the guest end? try fewer --steps"),
            err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().noneMatch(l -> l.startsWith("| 1 |")));
    }

    @Test
    void badArgumentsGetOneClearError() {
        assertEquals(1, denali("bench", "gdb", hello.toString(), "--break", "no_such_function"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("has no symbol 'no_such_function'"));
        assertEquals(1, denali("bench", "gdb", temp.resolve("missing.elf").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot load "));
        assertEquals(2, denali("bench", "gdb", hello.toString(), "--steps", "0"));
        assertEquals(2, denali("bench", "gdb", hello.toString(), "--repeat", "0"));
        assertEquals(2, denali("bench", "gdb", hello.toString(), "--count", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--count 1..100000"));
        assertEquals(2, denali("bench", "gdb"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("expected 'bench gdb IMAGE'"));
        assertEquals(2, denali("bench", "gdb", hello.toString(), "--counts", "10"));
    }
}
