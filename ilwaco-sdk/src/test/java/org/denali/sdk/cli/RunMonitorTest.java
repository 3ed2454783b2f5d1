package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code denali run --monitor}: the flag, its validation, and a real monitor answering while three VMs live. */
class RunMonitorTest {
    private static final Pattern ANNOUNCED = Pattern.compile("monitor on localhost:(\\d+)");

    @TempDir
    Path dir;

    /** Three VMs that idle forever: the run lasts exactly as long as the test keeps stdin open. */
    private Path idleGuest() throws IOException, InterruptedException {
        Path source = dir.resolve("idle.s");
        Files.writeString(source, """
            .text
            .globl _start
            _start:
              mov $0xffffffff, %eax
              .byte 0x0f, 0x0a
              jmp _start
            """);
        exec("as", "--32", "-o", dir.resolve("idle.o").toString(), source.toString());
        Path elf = dir.resolve("idle.elf");
        exec("ld", "-m", "elf_i386", "-Ttext=0x100000", "-o", elf.toString(), dir.resolve("idle.o").toString());
        return elf;
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }

    @Test
    void servesTheMonitorWhileTheVmsRunAndEndsWithTheRun() throws Exception {
        Path elf = idleGuest();
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(keyboard);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> new DenaliCli(
            List.of(new RunCommand(stdin))).run(List.of("run", elf.toString(), "--count", "3", "--monitor", "0"),
            context));
        int port = announcedPort(err, run);
        Socket watcherSocket = new Socket(InetAddress.getLoopbackAddress(), port); // stays connected to the end
        watcherSocket.setSoTimeout(120_000);
        BufferedReader watcher = new BufferedReader(new InputStreamReader(watcherSocket.getInputStream(),
            StandardCharsets.UTF_8));
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8));
            PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
            // the monitor listens from before the VMs exist: they appear as the kernel instantiates them
            String vms;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            do {
                out.println("vms 0 10");
                vms = in.readLine();
            } while (!vms.contains("\"total\":3") && System.nanoTime() < deadline);
            assertTrue(vms.startsWith("{\"total\":3,\"matching\":3,\"first\":0,\"vms\":[{\"id\":1,\"name\":\"vm1\""),
                vms);
            out.println("vregs 3");
            assertTrue(in.readLine().contains("\"vm_id\":3"));
            out.println("nonsense");
            assertTrue(in.readLine().startsWith("{\"error\":"));
            out.println("stats");
            assertTrue(in.readLine().contains("\"vms\":3"));
        }
        keyboard.close(); // EOF: nothing can wake the VMs any more, the kernel ends
        assertEquals(RunCommand.EXIT_IDLE_FOREVER, run.get(120, TimeUnit.SECONDS));
        assertEquals(null, watcher.readLine(), "the monitor drops its clients when the run ends");
        watcherSocket.close();
    }

    private static int announcedPort(ByteArrayOutputStream err, CompletableFuture<Integer> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher m = ANNOUNCED.matcher(err.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (run.isDone()) {
                throw new AssertionError("denali run ended before announcing the monitor: " + err);
            }
            Thread.sleep(10); // polling a stream another thread writes; the deadline is generous
        }
        throw new AssertionError("no monitor announced: " + err);
    }

    @Test
    void badMonitorPortsAreRejectedClearly() {
        assertRejected("--monitor expects a number, not 'abc'", "--monitor", "abc");
        assertRejected("--monitor expects a TCP port 0..65535, not 70000", "--monitor", "70000");
        assertRejected("--monitor and --gdb cannot share port 4000", "--monitor", "4000", "--gdb", "4000");
    }

    private void assertRejected(String message, String... options) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandContext context = new CommandContext(new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        List<String> args = new java.util.ArrayList<>(List.of("run", "missing.elf"));
        args.addAll(List.of(options));
        int status = new DenaliCli(List.of(new RunCommand())).run(args, context);
        assertEquals(2, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(message), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageDescribesTheFlag() {
        String usage = new RunCommand().usage();
        assertTrue(usage.contains("[--monitor PORT]") && usage.contains("--monitor PORT        serve the read-only"),
            usage);
    }
}
