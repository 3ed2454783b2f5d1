package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ilwaco's libc tested inside a guest (src/test/resources/.../libctest), which prints TAP: strings, ctype over
 * every byte, printf formats, strtol &amp; co, qsort/bsearch, rand, a malloc stress with coalescing and heap
 * exhaustion, threads, mutexes and condition variables under contention. 64-bit division printed by the guest is
 * recomputed here with Java's long arithmetic, and the guest's "oracle:" lines must equal those of the same C file
 * (oracle.c) compiled natively against glibc.
 */
class LibcGuestTest {
    @TempDir
    static Path temp;
    static GuestMachine.Outcome run;

    @BeforeAll
    static void runTheTestGuest() throws Exception {
        BuildResult build = TestBuilds.buildOk(TestBuilds.copyTestProject("libctest", temp));
        run = GuestMachine.load(build.image()).run(200_000_000);
    }

    @Test
    void everyInGuestCheckPasses() {
        Matcher m = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$").matcher(run.console());
        assertTrue(m.find(), run.console());
        assertEquals("0", m.group(2), run.console());
        assertTrue(Integer.parseInt(m.group(1)) >= 140, "ran all checks: " + m.group());
        assertEquals(0, run.exitCode());
    }

    @Test
    void theTapStreamIsCompleteAndHasNoFailures() {
        List<String> failures = new ArrayList<>();
        int tests = 0;
        Matcher m = Pattern.compile("(?m)^(not ok|ok) (\\d+) - (.*)$").matcher(run.console());
        while (m.find()) {
            tests++;
            assertEquals(tests, Integer.parseInt(m.group(2)), "TAP numbers run in order: " + m.group());
            if (m.group(1).equals("not ok")) {
                failures.add(m.group());
            }
        }
        assertEquals(List.of(), failures);
        Matcher plan = Pattern.compile("(?m)^1\\.\\.(\\d+)$").matcher(run.console());
        assertTrue(plan.find(), "a TAP plan line: " + run.console());
        assertEquals(tests, Integer.parseInt(plan.group(1)), "the plan covers every test point");
    }

    @Test
    void oracleLinesEqualANativeGlibcBuildOfTheSameFile() throws Exception {
        Path native_ = temp.resolve("oracle-native");
        HostTools.run(temp, "gcc", "-O1", "-Wno-format", "-DORACLE_NATIVE",
            temp.resolve("libctest/oracle.c").toString(), "-o", native_.toString());
        List<String> want = HostTools.run(temp, native_.toString()).lines().toList();
        List<String> got = run.console().lines().filter(l -> l.startsWith("oracle: ")).toList();
        assertTrue(want.size() > 900, "the native oracle ran: " + want.size() + " lines");
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), "oracle line " + i);
        }
        assertEquals(want.size(), got.size(), "oracle line count");
    }

    @Test
    void sixtyFourBitDivisionAgreesWithJava() {
        Matcher m = Pattern.compile("(?m)^div (\\d+) (\\d+) (\\d+) (\\d+) (-?\\d+) (-?\\d+)$").matcher(run.console());
        int lines = 0;
        while (m.find()) {
            long a = new BigInteger(m.group(1)).longValue();
            long b = new BigInteger(m.group(2)).longValue();
            String where = m.group();
            assertEquals(Long.toUnsignedString(Long.divideUnsigned(a, b)), m.group(3), where);
            assertEquals(Long.toUnsignedString(Long.remainderUnsigned(a, b)), m.group(4), where);
            assertEquals(Long.toString(a / b), m.group(5), where);
            assertEquals(Long.toString(a % b), m.group(6), where);
            lines++;
        }
        assertEquals(15 * 14 - 1, lines, "every operand pair but x/0 and INT64_MIN/-1");
    }
}
