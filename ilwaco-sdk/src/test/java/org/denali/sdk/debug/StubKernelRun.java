package org.denali.sdk.debug;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.denali.sdk.cli.CommandContext;
import org.denali.sdk.cli.DenaliCli;

/** {@code denali run ELF --gdb PORT --wait [extra…]} in this JVM, for real gdb to connect to; output captured. */
final class StubKernelRun {
    final int port;
    final Thread thread;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    volatile int exitCode = -1;

    private StubKernelRun(int port, Path elf, String... extra) {
        this.port = port;
        List<String> args = new ArrayList<>(List.of("run", elf.toString(), "--gdb", String.valueOf(port), "--wait"));
        args.addAll(List.of(extra));
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        CommandContext context = new CommandContext(print, print, elf.getParent());
        thread = new Thread(() -> exitCode = new DenaliCli(DenaliCli.commands()).run(args, context), "denali-run");
        thread.setDaemon(true);
    }

    /** Starts the kernel on a free port and waits until its stub listens. */
    static StubKernelRun start(Path elf, String... extra) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StubKernelRun run = new StubKernelRun(port, elf, extra);
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

    /** Waits for the kernel to end once gdb has detached or killed it; its whole output. */
    String finish() throws InterruptedException {
        thread.join(30_000);
        assertFalse(thread.isAlive(), "the kernel did not end after gdb detached or killed it:\n" + output());
        return output();
    }
}
