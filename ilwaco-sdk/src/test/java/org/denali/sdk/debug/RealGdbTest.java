package org.denali.sdk.debug;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.denali.sdk.build.SdkLayout;
import org.denali.sdk.build.TestBuilds;
import org.denali.sdk.cli.CommandContext;
import org.denali.sdk.cli.DenaliCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's proof with real gdb (Debian gdb, batch mode): guests built by the SDK with -g, served by
 * {@code denali run IMAGE --gdb PORT --wait} in-process, driven by scripted gdb sessions; every assertion is on
 * gdb's own output. gdb must be installed: a missing gdb fails the test.
 */
class RealGdbTest {
    @TempDir
    Path temp;

    @Test
    void gdbDebugsTwoThreadsVmsAndTheGuestsFinishAfterDetach() throws Exception {
        Path elf = build("threads");
        List<String> threadsC = Files.readAllLines(elf.getParent().resolve("threads.c"));
        int lockLine = lineOf(threadsC, "static void *producer", "mutex_lock(&lock);");
        int whileLine = lineOf(threadsC, "static void *producer", "while (count == SLOTS)");
        List<String> threadC = Files.readAllLines(SdkLayout.locate().root().resolve("libilwaco").resolve("thread.c"));
        int mutexLockBody = lineOf(threadC, "void mutex_lock(mutex_t *mutex)", "while (mutex->owner)");
        StubKernelRun run = StubKernelRun.start(elf, "--count", "2");
        // Stepping one VM lets only that VM run (otherwise the other VM may finish its whole program during the
        // steps, as gdb's default resumes every thread while stepping); the breakpoints go before the watchpoints
        // so that a pending breakpoint hit of the other VM does not answer the continue meant for a watchpoint.
        // "echo @@name" marks each part of the output for the assertions below.
        String out = gdb(run.port, elf, """
            set scheduler-locking step
            break producer
            continue
            echo @@bt\\n
            bt
            echo @@registers\\n
            info registers
            echo @@x87\\n
            info registers st0
            p $st7
            echo @@stepi\\n
            stepi
            frame
            delete 1
            break threads.c:%d
            continue
            echo @@atLock\\n
            frame
            next
            echo @@afterNext\\n
            frame
            continue
            step
            echo @@afterStep\\n
            frame
            echo @@x\\n
            x/16xw $esp
            delete
            echo @@watch\\n
            watch count
            continue
            delete
            echo @@rwatch\\n
            rwatch count
            continue
            delete
            echo @@awatch\\n
            awatch count
            continue
            delete
            echo @@threads\\n
            info threads
            thread 2
            monitor interrupts
            monitor sched
            echo @@detach\\n
            detach
            """.formatted(lockLine));
        String breakAt = part(out, null, "@@bt");
        assertTrue(breakAt.matches("(?s).*Breakpoint 1 at 0x[0-9a-f]+: file .*threads\\.c, line \\d+\\..*"), out);
        assertTrue(breakAt.matches("(?s).*Breakpoint 1, producer \\(arg=.*threads\\.c:\\d+.*"), "break + continue\n" + out);
        assertTrue(part(out, "@@bt", "@@registers").matches("(?s)#0  producer \\(arg=.*\\n#1 .*"), "bt shows the caller\n" + out);

        String registers = part(out, "@@registers", "@@x87");
        assertTrue(registers.matches("(?s).*\\neip +0x[0-9a-f]+ +0x[0-9a-f]+ <producer\\+?\\d*>.*"), "info registers\n" + out);
        assertTrue(registers.matches("(?s).*\\nmagic +0x494c4e44 +1229737540\\n.*")
            && registers.matches("(?s).*\\nvm_id +0x([12]) +\\1\\n.*")
            && registers.matches("(?s).*\\ninterrupts_enabled +0x[01] .*")
            && registers.contains("\npending_interrupts ") && registers.contains("\ninstructions_retired "),
            "the Denali virtual registers in info registers\n" + registers);
        String x87 = part(out, "@@x87", "@@stepi");
        assertTrue(x87.matches("(?s)st0 +0 +\\(raw 0x0{20}\\)\\n\\$1 = 0\\n"), "x87 registers read as zero\n" + x87);

        int breakpoint = Integer.parseInt(breakAt.replaceAll("(?s).*Breakpoint 1 at 0x([0-9a-f]+):.*", "$1"), 16);
        String stepi = part(out, "@@stepi", "Breakpoint 2 at");
        assertTrue(stepi.matches("(?s).*#0  0x[0-9a-f]+ in producer \\(arg=.*threads\\.c:\\d+\\n.*"), stepi);
        int afterStepi = Integer.parseInt(stepi.replaceAll("(?s).*#0  0x([0-9a-f]+) in producer.*", "$1"), 16);
        assertTrue(afterStepi > breakpoint && afterStepi < breakpoint + 16,
            "stepi moved one instruction from " + Integer.toHexString(breakpoint) + "\n" + stepi);

        String frame = "#0  %s \\(.*\\) at \\S*%s:%d\\n.*";
        assertTrue(part(out, "@@atLock", "@@afterNext").matches("(?s)" + frame.formatted("producer", "threads\\.c",
            lockLine)), "stopped on the mutex_lock line\n" + out);
        assertTrue(part(out, "@@afterNext", "@@afterStep").matches("(?s)[^#]*" + frame.formatted("producer",
            "threads\\.c", whileLine) + "hit Breakpoint 2, producer .*threads\\.c:" + lockLine + "\\n.*"),
            "next stepped over mutex_lock to line " + whileLine + " (then continue hit line " + lockLine + " again)\n"
                + out);
        assertTrue(part(out, "@@afterStep", "@@x").matches("(?s)" + frame.formatted("mutex_lock",
            "libilwaco/thread\\.c", mutexLockBody)), "step entered mutex_lock at line " + mutexLockBody + "\n" + out);

        assertTrue(part(out, "@@x", "@@watch").matches(
            "(?s)(0x[0-9a-f]+( <[^>]*>)?:(\\s+0x[0-9a-f]{8}){4}\\n){4}"), "x/16xw: four rows of four words\n" + out);
        String watch = part(out, "@@watch", "@@rwatch");
        assertTrue(watch.contains("Hardware watchpoint 3: count"), out);
        assertTrue(watch.matches("(?s).*hit Hardware watchpoint 3: count\\s+Old value = \\d+\\s+New value = \\d+.*"),
            "watch triggers on a write\n" + out);
        String rwatch = part(out, "@@rwatch", "@@awatch");
        assertTrue(rwatch.matches("(?s)Hardware read watchpoint 4: count\\n.*hit Hardware read watchpoint 4: count"
            + "\\s+Value = \\d+\\n.*(producer|consumer) \\(arg=.*threads\\.c:\\d+\\n.*"), "rwatch\n" + rwatch);
        String awatch = part(out, "@@awatch", "@@threads");
        assertTrue(awatch.matches("(?s)Hardware access \\(read/write\\) watchpoint 5: count\\n.*hit Hardware access "
            + "\\(read/write\\) watchpoint 5: count\\s+(Value = \\d+|Old value = \\d+\\s+New value = \\d+)\\n"
            + ".*(producer|consumer) \\(arg=.*threads\\.c:\\d+\\n.*"), "awatch\n" + awatch);

        String threads = part(out, "@@threads", "@@detach");
        assertTrue(threads.matches("(?s).*Thread 1 \"vm1\".*Thread 2 \"vm2\".*"), "info threads lists VMs\n" + out);
        assertTrue(threads.contains("[Switching to thread 2"), "thread 2\n" + out);
        assertTrue(threads.contains("interrupt queue") && threads.contains("next quantum delivers"), "monitor interrupts\n" + out);
        assertTrue(threads.contains("run queue:"), "monitor sched\n" + out);
        assertTrue(part(out, "@@detach", null).contains("detached"), out);
        String console = run.finish();
        assertEquals(2, console.split("done at", -1).length - 1, "both guests ran to completion\n" + console);
        assertEquals(0, run.exitCode, console);
    }

    /**
     * Non-stop mode with real gdb ({@code set non-stop on}): the attach keeps VM 1 stopped and lets VM 2 run; a
     * breakpoint hit then stops only the VM that hit it: no VM is ever held because another one stopped (in all-stop
     * the others would show "suspended"). After detach both guests finish.
     */
    @Test
    void nonStopGdbStopsOneVmAndLeavesTheOtherRunning() throws Exception {
        Path elf = build("threads");
        StubKernelRun run = StubKernelRun.start(elf, "--count", "2");
        String out = gdb(run.port, elf, List.of("set non-stop on"), """
            echo @@threads\\n
            info threads
            echo @@vms\\n
            monitor vms
            break producer
            echo @@continue\\n
            continue
            echo @@stopped\\n
            monitor vms
            echo @@detach\\n
            detach
            """);
        String threads = part(out, "@@threads", "@@vms");
        assertTrue(threads.matches("(?s).*\\* 1 +Thread 1 \"vm1\" \\([^)]*suspended\\) _start \\(\\) at .*"), "VM 1 held\n" + out);
        assertTrue(threads.matches("(?s).*\\n  2 +Thread 2 \"vm2\" \\([^)]*\\) +\\(running\\)\\n.*"), "VM 2 runs\n" + out);
        String vms = part(out, "@@vms", "@@continue");
        assertTrue(vms.matches("(?s).*\\n1 +vm1 +READY +stopped +suspended\\n.*"), vms);
        assertTrue(vms.lines().anyMatch(l -> l.matches("2 +vm2 .*") && !l.contains("stopped")),
            "no breakpoint yet, so VM 2 is not stopped\n" + vms);
        assertTrue(part(out, "@@continue", "@@stopped").matches("(?s).*Thread [12] \"vm[12]\" hit Breakpoint 1, producer .*"),
            out);
        String stopped = part(out, "@@stopped", "@@detach");
        assertTrue(stopped.contains("stopped  breakpoint at "), stopped);
        assertFalse(stopped.contains("suspended"), "non-stop: no VM was stopped because another one stopped\n" + stopped);
        assertTrue(part(out, "@@detach", null).contains("detached"), out);
        String console = run.finish();
        assertEquals(2, console.split("done at", -1).length - 1, "both guests ran to completion\n" + console);
    }

    /**
     * Issue 13: with gdb attached, a faulting VM is held at the fault instead of torn down: gdb reports the
     * signal, and the backtrace, registers and stack stay readable; {@code monitor fault} names vector, address and
     * instruction; continue delivers the fault and the program ends with the signal.
     */
    @Test
    void gdbSeesAFaultAsASignalAndInspectsTheHeldVm() throws Exception {
        Path elf = TestBuilds.buildTestProject("faulty", temp);
        StubKernelRun run = StubKernelRun.start(elf);
        String out = gdb(run.port, elf, """
            continue
            echo @@bt\\n
            bt
            echo @@registers\\n
            info registers eip
            echo @@x\\n
            x/2xw $esp
            echo @@fault\\n
            monitor fault
            echo @@continue\\n
            continue
            """);
        assertTrue(part(out, null, "@@bt").contains("Program received signal SIGSEGV, Segmentation fault."), out);
        String bt = part(out, "@@bt", "@@registers");
        assertTrue(bt.matches("(?s)#0  [^\\n]*deref \\(p=0xc0000000\\) at [^\\n]*faulty\\.c:\\d+\\n"
            + "#1  [^\\n]*middle \\(.*\\n#2  [^\\n]*main \\(.*"), "bt through the faulted frames\n" + out);
        assertTrue(part(out, "@@registers", "@@x").matches("(?s)eip +0x[0-9a-f]+ +0x[0-9a-f]+ <deref\\+?\\d*>\\n"), out);
        assertTrue(part(out, "@@x", "@@fault").matches("(?s)0x[0-9a-f]+:\\t0x[0-9a-f]{8}\\t0x[0-9a-f]{8}\\n"),
            "the stack is readable\n" + out);
        String fault = part(out, "@@fault", "@@continue");
        assertTrue(fault.contains("faulted: #PF at EIP=0x") && fault.contains("(address 0xc0000000)")
            && fault.contains("held at the fault"), fault);
        assertTrue(part(out, "@@continue", null).contains("Program terminated with signal SIGSEGV, Segmentation fault."),
            out + "\n--- denali run:\n" + run.output());
        String console = run.finish();
        assertTrue(console.contains("about to fault") && console.contains("#PF"), console);
    }

    /**
     * Issue 19: {@code monitor snapshot save FILE} from real gdb stopped at a breakpoint in the countdown loop (both
     * VMs held by the debugger), then {@code denali run --restore FILE} without gdb goes on from there: the
     * countdowns resume mid-loop (no greeting again, the digits after the breakpoint) and both reach liftoff.
     */
    @Test
    void gdbSavesASnapshotThatDenaliRunRestores() throws Exception {
        Path elf = build("countdown");
        List<String> source = Files.readAllLines(elf.getParent().resolve("countdown.S"));
        int decl = lineOf(source, "main:", "decl %ebx");
        Path snapshot = temp.resolve("countdown.snapshot");
        StubKernelRun run = StubKernelRun.start(elf, "--count", "2");
        String out = gdb(run.port, elf, """
            break countdown.S:%d
            continue
            continue
            echo @@save\\n
            monitor snapshot save %s
            echo @@bad\\n
            monitor snapshot load %s
            monitor snapshot save
            echo @@detach\\n
            detach
            """.formatted(decl, snapshot, snapshot));
        String save = part(out, "@@save", "@@bad");
        assertTrue(save.matches("(?s)snapshot of \\d+ instructions written to " + java.util.regex.Pattern.quote(
            snapshot.toString()) + " \\([\\d,]+ bytes, 8 sections, [\\d.]+ ms\\)\n"), out);
        String bad = part(out, "@@bad", "@@detach");
        assertTrue(bad.contains("cannot replace a running kernel in place") && bad.contains("usage: snapshot save FILE"),
            bad);
        run.finish();

        ByteArrayOutputStream restored = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(restored, true, StandardCharsets.UTF_8);
        int status = new DenaliCli(DenaliCli.commands()).run(List.of("run", elf.toString(), "--count", "2",
            "--restore", snapshot.toString()), new CommandContext(print, print, elf.getParent()));
        String console = restored.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, console);
        assertEquals(2, console.split("liftoff", -1).length - 1, "both countdowns finish\n" + console);
        assertFalse(console.contains("countdown on Denali VM"), "they go on from the snapshot, not from the start\n"
            + console);
        assertFalse(console.contains("5 4"), "the digits before the breakpoint are not printed again\n" + console);
    }

    private static int lineOf(List<String> lines, String after, String text) {
        return GdbBatch.lineOf(lines, after, text);
    }

    private static String part(String out, String from, String to) {
        return GdbBatch.part(out, from, to);
    }

    private Path build(String example) throws Exception {
        return TestBuilds.buildExample(example, temp);
    }

    private static String gdb(int port, Path elf, String script) throws Exception {
        return gdb(port, elf, List.of(), script);
    }

    private static String gdb(int port, Path elf, List<String> beforeConnect, String script) throws Exception {
        return GdbBatch.gdb(port, elf, beforeConnect, script);
    }
}
