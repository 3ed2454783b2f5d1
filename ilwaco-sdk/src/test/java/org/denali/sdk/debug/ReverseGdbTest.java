package org.denali.sdk.debug;

import static org.denali.sdk.debug.GdbBatch.gdb;
import static org.denali.sdk.debug.GdbBatch.lineOf;
import static org.denali.sdk.debug.GdbBatch.part;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.denali.sdk.build.TestBuilds;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's reverse-execution proof with real gdb (batch): {@code denali run … --gdb PORT --record FILE
 * --deterministic} keeps the run's history, and gdb's reverse commands move through it. The guest ({@code rewind.c})
 * loops calling {@code bump(i)}, which adds i to the global x; two VMs run it where the test says so.
 */
class ReverseGdbTest {
    @TempDir
    Path temp;

    private Path elf;
    private int bumpLine;
    private int callLine;
    private int forLine;
    private int returnLine;

    @BeforeEach
    void build() throws Exception {
        elf = TestBuilds.buildTestProject("rewind", temp);
        List<String> source = Files.readAllLines(elf.getParent().resolve("rewind.c"));
        bumpLine = lineOf(source, "bump(int i)", "x = x + i;");
        callLine = lineOf(source, "int main(void)", "sum += bump(i);");
        forLine = lineOf(source, "int main(void)", "for (int i");
        returnLine = lineOf(source, "return x * 2;", "}");
    }

    private StubKernelRun record(String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--record", temp.resolve("run.rr").toString(),
            "--deterministic"));
        args.addAll(List.of(extra));
        return StubKernelRun.start(elf, args.toArray(String[]::new));
    }

    /** The guest's VMs still run when gdb kills the kernel (nothing ended: the whole history stays reachable). */
    private static void killed(String out) {
        assertTrue(out.contains("[Inferior 1 (Remote target) killed]"), out);
    }

    /** After stepi 1000, reverse-stepi 1000 is back at identical registers (virtual ones too) and memory. */
    @Test
    void reverseStepiUndoesStepiExactly() throws Exception {
        StubKernelRun run = record("--count", "2");
        String out = gdb(run.port, elf, List.of(), """
            break bump
            continue
            continue
            delete
            echo @@before\\n
            info registers
            x/16xw $esp
            output x
            echo \\n
            echo @@stepped\\n
            stepi 1000
            p x
            echo @@after\\n
            reverse-stepi 1000
            echo @@back\\n
            info registers
            x/16xw $esp
            output x
            echo \\n
            echo @@end\\n
            kill
            """);
        String before = part(out, "@@before", "@@stepped");
        String back = part(out, "@@back", "@@end");
        assertTrue(before.contains("eip ") && before.contains("instructions_retired"), out);
        assertEquals(before, back, "registers, stack and x after stepi 1000 and reverse-stepi 1000\n" + out);
        assertTrue(!part(out, "@@stepped", "@@after").equals(part(out, "@@before", "@@stepped")), out);
    }

    /** reverse-continue stops at the previous hit of a breakpoint; forward continue then replays to the next one. */
    @Test
    void reverseContinueStopsAtTheEarlierBreakpointHit() throws Exception {
        StubKernelRun run = record();
        String out = gdb(run.port, elf, List.of(), """
            break bump
            continue
            continue
            continue
            continue
            echo @@fourth\\n
            p i
            p x
            reverse-continue
            echo @@third\\n
            p i
            p x
            reverse-continue
            reverse-continue
            echo @@first\\n
            p i
            p x
            reverse-continue
            echo @@begin\\n
            monitor history
            continue
            continue
            echo @@forward\\n
            p i
            p x
            echo @@end\\n
            kill
            """);
        assertTrue(part(out, "@@fourth", "@@third").matches("(?s)\\$1 = 4\n\\$2 = 6\n.*"), out);
        String third = part(out, "@@third", "@@first");
        assertTrue(third.contains("hit Breakpoint 1, bump (i=i@entry=3)") || out.contains("Breakpoint 1, bump (i=i@entry=3)"),
            out);
        assertTrue(third.matches("(?s)\\$3 = 3\n\\$4 = 3\n.*"), "x = 1 + 2 before bump(3) ran\n" + out);
        assertTrue(part(out, "@@first", "@@begin").matches("(?s)\\$5 = 1\n\\$6 = 0\n.*"), out);
        assertTrue(part(out, "@@first", "@@begin").contains("No more reverse-execution history."), out);
        assertTrue(part(out, "@@begin", "@@forward").matches("(?s)history from point 0 to \\d+ .*now at 0 \\(in the past\\);.*"),
            out);
        assertTrue(part(out, "@@forward", "@@end").matches("(?s)\\$7 = 2\n\\$8 = 1\n"),
            "forward from the start of the history replays to the second hit\n" + out);
        killed(out);
    }

    /** watch x + reverse-continue finds the last write to x, with two VMs running the loop. */
    @Test
    void reverseContinueWithAWatchpointFindsTheLastWrite() throws Exception {
        StubKernelRun run = record("--count", "2");
        String out = gdb(run.port, elf, List.of(), """
            set scheduler-locking step
            break main
            continue
            delete
            break bump if i == 5
            continue
            delete
            next
            next
            echo @@inBump\\n
            p x
            p i
            watch x
            reverse-continue
            echo @@write\\n
            p x
            frame
            delete
            echo @@end\\n
            kill
            """);
        assertTrue(part(out, "@@inBump", "@@write").startsWith("$1 = 15\n$2 = 6\n"), "back in main after bump(5)\n" + out);
        String write = part(out, "@@write", "@@end");
        assertTrue(out.contains("atchpoint 3: x") && out.contains("Old value = 15") && out.contains("New value = 10"),
            "reverse-continue un-executes x = x + 5\n" + out);
        assertTrue(write.startsWith("$3 = 10\n"), write);
        assertTrue(write.contains("rewind.c:" + bumpLine), "stopped at the write in bump\n" + out);
        killed(out);
    }

    /** reverse-finish runs back to the call of bump in main; reverse-next and reverse-step go back by lines. */
    @Test
    void reverseFinishReturnsToTheCaller() throws Exception {
        StubKernelRun run = record();
        String out = gdb(run.port, elf, List.of(), """
            break bump
            continue
            continue
            next
            echo @@inside\\n
            frame
            delete
            reverse-finish
            echo @@caller\\n
            frame
            p i
            reverse-next
            echo @@reverseNext\\n
            p i
            reverse-step
            echo @@reverseStep\\n
            frame
            echo @@end\\n
            kill
            """);
        assertTrue(part(out, "@@inside", "@@caller").contains("bump (i=2)") || part(out, "@@inside", "@@caller")
            .contains("bump (i=i@entry=2)"), out);
        String caller = part(out, "@@caller", "@@reverseNext");
        assertTrue(caller.matches("(?s).*#0  [^\\n]*main \\(\\) at \\S*rewind\\.c:" + callLine + "\\n.*"),
            "reverse-finish stops at the call in main\n" + out);
        assertTrue(caller.contains("$1 = 2"), out);
        assertTrue(caller.matches("(?s).*\\n" + forLine + "\t[^\\n]*\\n"), "reverse-next from the call\n" + out);
        assertTrue(part(out, "@@reverseNext", "@@reverseStep").matches("(?s)\\$2 = 2\n.*"), out);
        assertTrue(part(out, "@@reverseStep", "@@end").matches("(?s)#0  [^\\n]*bump \\(i=(i@entry=)?1\\) at \\S*rewind\\.c:"
            + returnLine + "\n.*"), "reverse-step enters the previous call of bump at its end\n" + out);
        killed(out);
    }

    /** Bad seeks are refused with a message; icount and seek agree; bs without a recording is an error. */
    @Test
    void seeksOutsideTheHistoryAreRefused() throws Exception {
        StubKernelRun run = record();
        String out = gdb(run.port, elf, List.of(), """
            break bump
            continue
            continue
            continue
            echo @@icount\\n
            monitor icount
            monitor icount 1
            echo @@bad\\n
            monitor seek 9 100
            monitor seek 1 99999999
            monitor seek 1
            monitor seek 1 x
            echo @@seek\\n
            monitor seek 1 50
            monitor icount 1
            echo @@end\\n
            kill
            """);
        String icount = part(out, "@@icount", "@@bad");
        assertTrue(icount.matches("vm1 at instruction (\\d+)\nvm1 at instruction \\1\n"), out);
        String bad = part(out, "@@bad", "@@seek");
        assertTrue(bad.contains("error: no VM 9") && bad.contains("beyond the end of the recorded history")
            && bad.contains("error: usage: monitor seek VM ICOUNT"), bad);
        assertEquals("vm1 at instruction 50\nvm1 at instruction 50\n", part(out, "@@seek", "@@end"), out);
        killed(out);

        StubKernelRun plain = StubKernelRun.start(elf);
        String unrecorded = gdb(plain.port, elf, List.of(), """
            break bump
            continue
            monitor seek 1 10
            reverse-stepi
            """);
        assertTrue(unrecorded.contains("Target remote does not support this command.")
            || unrecorded.contains("does not support"), unrecorded);
        assertTrue(unrecorded.contains("error: no recorded history"), unrecorded);
    }
}
