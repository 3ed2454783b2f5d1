package org.denali.sdk.debug;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.build.SdkLayout;
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
        Run run = Run.start(elf, "--count", "2");
        // Stepping one VM lets only that VM run (otherwise the other VM may finish its whole program during the
        // steps, as gdb's default resumes every thread while stepping); the breakpoint goes before the watchpoint
        // so that a pending breakpoint hit of the other VM does not answer the continue meant for the watchpoint.
        String out = gdb(run.port, elf, """
            set scheduler-locking step
            break producer
            continue
            bt
            info registers
            stepi
            next
            step
            x/16xw $esp
            delete 1
            watch count
            continue
            info threads
            thread 2
            monitor interrupts
            monitor sched
            delete
            detach
            """);
        assertTrue(out.contains("Breakpoint 1 at"), out);
        assertTrue(out.matches("(?s).*Breakpoint 1, producer \\(arg=.*threads\\.c:\\d+.*"), "break + continue\n" + out);
        assertTrue(out.matches("(?s).*#0  producer \\(arg=.*\\n#1 .*"), "bt shows the caller\n" + out);
        assertTrue(out.matches("(?s).*\\neip +0x[0-9a-f]+ +0x[0-9a-f]+ <producer\\+?\\d*>.*"), "info registers\n" + out);
        assertTrue(out.contains("interrupts_enabled") && out.contains("pending_interrupts")
            && out.contains("instructions_retired"), "virtual registers in info registers\n" + out);
        assertTrue(out.matches("(?s).*0x[0-9a-f]+\\s+\\d+\\s+.*"), "stepi / next / step by source line\n" + out);
        assertTrue(out.matches("(?s).*0x[0-9a-f]+:\\s+0x[0-9a-f]{8}\\s+0x[0-9a-f]{8}\\s+0x[0-9a-f]{8}\\s+0x[0-9a-f]{8}.*"),
            "x/16xw\n" + out);
        assertTrue(out.contains("Hardware watchpoint 2: count"), out);
        assertTrue(out.matches("(?s).*Old value = \\d+\\s+New value = \\d+.*"), "watch triggers on a write\n" + out);
        assertTrue(out.matches("(?s).*Thread 1 \"vm1\".*Thread 2 \"vm2\".*"), "info threads lists VMs\n" + out);
        assertTrue(out.contains("[Switching to thread 2"), "thread 2\n" + out);
        assertTrue(out.contains("interrupt queue") && out.contains("next quantum delivers"), "monitor interrupts\n" + out);
        assertTrue(out.contains("run queue:"), "monitor sched\n" + out);
        assertTrue(out.contains("Detaching from program") || out.contains("detached"), out);
        String console = run.finish();
        assertEquals(2, console.split("done at", -1).length - 1, "both guests ran to completion\n" + console);
        assertEquals(0, run.exitCode, console);
    }

    @Test
    void stepiRoundTripLatency() throws Exception {
        Path elf = build("hello");
        Run run = Run.start(elf);
        int steps = 400;
        long start = System.nanoTime();
        String out = gdb(run.port, elf, "break main\ncontinue\nstepi " + steps + "\ninfo registers eip\ndetach\n");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(out.contains("Breakpoint 1, main"), out);
        String console = run.finish();
        assertTrue(console.contains("Hello from hello"), console);
        System.out.printf("gdb session with stepi %d: %.2f s total (includes gdb start-up and attach)%n", steps,
            seconds);
    }

    private Path build(String example) throws Exception {
        SdkLayout sdk = SdkLayout.locate();
        Path source = sdk.root().getParent().resolve("examples").resolve(example);
        Path project = temp.resolve(example);
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                String rel = source.relativize(p).toString();
                if (rel.startsWith("build") || rel.endsWith(".elf")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(project.resolve(rel));
                } else {
                    Files.copy(p, project.resolve(rel));
                }
            }
        }
        GuestBuilder builder = new GuestBuilder(sdk, sdk.root().resolve("target").resolve("test-libilwaco"));
        BuildResult result = builder.build(GuestProject.load(project));
        assertTrue(result.succeeded(), () -> "build failed: " + result.diagnostics());
        return result.image();
    }

    private static String gdb(int port, Path elf, String script) throws Exception {
        Path file = Files.createTempFile("denali", ".gdb");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of("gdb", "-batch", "-nx", "-ex", "set architecture i386",
            "-ex", "set pagination off", "-ex", "target remote :" + port, "-x", file.toString(), elf.toString()));
        Process gdb = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(gdb.waitFor(60, TimeUnit.SECONDS), "gdb did not finish");
        return new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** {@code denali run ELF --gdb PORT --wait ...} on a thread of this JVM. */
    private static final class Run {
        final int port;
        final Thread thread;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        volatile int exitCode = -1;

        private Run(int port, Path elf, String... extra) {
            this.port = port;
            List<String> args = new ArrayList<>(List.of("run", elf.toString(), "--gdb", String.valueOf(port), "--wait"));
            args.addAll(List.of(extra));
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            CommandContext context = new CommandContext(print, print, elf.getParent());
            thread = new Thread(() -> exitCode = new DenaliCli(DenaliCli.commands()).run(args, context), "denali-run");
            thread.setDaemon(true);
        }

        static Run start(Path elf, String... extra) throws Exception {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Run run = new Run(port, elf, extra);
            run.thread.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!run.output().contains("waiting for gdb") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(run.output().contains("waiting for gdb"), run.output());
            return run;
        }

        String output() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String finish() throws InterruptedException {
            thread.join(30_000);
            assertFalse(thread.isAlive(), "the kernel did not finish after gdb detached:\n" + output());
            return output();
        }
    }
}
