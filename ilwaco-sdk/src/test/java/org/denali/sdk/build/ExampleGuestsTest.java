package org.denali.sdk.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/hello, countdown (assembly) and threads build with the driver and behave as documented on the CPU harness. */
class ExampleGuestsTest {
    @TempDir
    Path temp;

    @Test
    void helloPrintsItsGreetingThroughOneConsoleWriteAndTerminatesWithZero() throws Exception {
        BuildResult build = TestBuilds.buildOk(TestBuilds.copyExample("hello", temp));
        GuestMachine.Outcome run = GuestMachine.load(build.image()).run(5_000_000);
        assertEquals("Hello from hello on Denali VM " + GuestMachine.VM_ID + " with 16384 KiB of memory\n", run.console());
        assertEquals(0, run.exitCode());
        assertEquals(1, run.consoleWrites(), "printf writes its buffer with one CONSOLE_WRITE PIO");
    }

    @Test
    void theAssemblyCountdownPrintsThroughPrintfAndTheConsolePortIdlesAndTerminates() throws Exception {
        BuildResult build = TestBuilds.buildOk(TestBuilds.copyExample("countdown", temp));
        GuestMachine.Outcome run = GuestMachine.load(build.image()).run(5_000_000);
        assertEquals("countdown on Denali VM " + GuestMachine.VM_ID + ", from 5:\n5 4 3 2 1 liftoff\n", run.console());
        assertEquals(0, run.exitCode());
    }

    @Test
    void threadsTickOnTimeAndTheVmIdlesUntilTheEarliestSleeperIsDue() throws Exception {
        BuildResult build = TestBuilds.buildOk(TestBuilds.copyExample("threads", temp));
        GuestMachine.Outcome run = GuestMachine.load(build.image()).run(50_000_000);
        assertEquals(0, run.exitCode(), run.console());

        // Ticks in deadline order, each at (not before, and not long after) its period multiple.
        Pattern tick = Pattern.compile("sleeper (\\d+): tick (\\d) at (\\d+) us");
        List<String> order = new ArrayList<>();
        Matcher m = tick.matcher(run.console());
        while (m.find()) {
            long due = Long.parseLong(m.group(1)) * Long.parseLong(m.group(2));
            long at = Long.parseLong(m.group(3));
            assertTrue(at >= due && at < due + 300, "tick " + m.group() + " should come at " + due + " us");
            order.add(m.group(1) + "/" + m.group(2));
        }
        assertEquals(List.of("3000/1", "5000/1", "3000/2", "3000/3", "5000/2", "5000/3"), order, run.console());
        assertTrue(run.console().contains("consumer: received 10 items, sum 55\n"), run.console());
        assertTrue(run.console().contains("done at "), run.console());

        // The first idle happens once every thread sleeps: its timeout is the time left to the 3 ms sleeper,
        // not "forever" and not zero, so the guest never spins while waiting.
        int first = run.idleTimeouts().get(0);
        assertTrue(first > 2500 && first <= 3000, "first idle timeout " + first + " us");
        assertTrue(run.idleTimeouts().size() >= 6, "one idle per sleep period at least: " + run.idleTimeouts());
        assertTrue(run.clockUs() >= 15_000, "the guest ran until the last 5 ms tick");
    }
}
