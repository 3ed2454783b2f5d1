package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ilwaco's libc tested inside a guest (src/test/resources/.../libctest): strings, printf formats, strtol &amp;
 * co, qsort/bsearch, rand, a malloc stress with coalescing, threads; 64-bit division printed by the guest is
 * recomputed here with Java's long arithmetic.
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
        assertTrue(Integer.parseInt(m.group(1)) >= 110, "ran all checks: " + m.group());
        assertEquals(0, run.exitCode());
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
