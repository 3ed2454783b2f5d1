package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 item 4: whatever ends {@code denali run --net passt:… --phys-memory …} (SIGKILL, SIGTERM, SIGINT,
 * SIGHUP), passt dies with it, its port is free again and no temporary file (passt's socket directory, the swap
 * file with guest pages) stays behind. The run is a real JVM with its own temporary directory, so "nothing left"
 * is checked exactly. Also: the forward listens on loopback only.
 */
class KernelLeftoversTest {
    @TempDir
    Path dir;

    /** A guest that idles forever: the run lasts until it is killed. */
    private Path idler() throws Exception {
        return AssembledGuests.assemble(dir, "idler", """
            again:
              mov $0xffffffff, %eax
              denali_idle
              jmp again
            """);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"KILL", "TERM", "INT", "HUP"})
    void passtAndTemporaryFilesDieWithTheKernel(String signal) throws Exception {
        Path elf = idler();
        Path tmp = Files.createDirectories(dir.resolve("tmp-" + signal));
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // env resets every signal to its default: a signal ignored by whoever started the build stays ignored across
        // exec (HUP under nohup, INT for a shell's background job), and the JVM then rightly leaves it ignored
        Process kernel = new ProcessBuilder("env", "--default-signal", java, "-Djava.io.tmpdir=" + tmp, "-cp",
            System.getProperty("java.class.path"),
            DenaliCli.class.getName(), "run", elf.toString(), "--net", "passt:" + port + ":80", "--ip", "192.0.2.2/24",
            "--phys-memory", "1M", "--count", "2")
            .directory(dir.toFile()).redirectErrorStream(true).start();
        List<ProcessHandle> children;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(kernel.getInputStream(),
                StandardCharsets.UTF_8));
            // the run is up once passt listens on the forwarded port
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean listening = false;
            while (!listening && System.nanoTime() < deadline && kernel.isAlive()) {
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                    listening = true;
                } catch (java.io.IOException notYet) {
                    Thread.sleep(50);
                }
            }
            assertTrue(listening, "passt never listened on " + port + ": " + (kernel.isAlive() ? "" : drain(out)));
            children = kernel.toHandle().descendants().toList();
            assertTrue(children.stream().anyMatch(p -> p.info().command().orElse("").contains("passt")),
                "passt runs under the kernel: " + children.stream().map(p -> p.info().command().orElse("?")).toList());
            // passt listens a moment before the kernel has connected to it and unlinked its files
            long unlinked = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!listing(tmp).isEmpty() && System.nanoTime() < unlinked) {
                Thread.sleep(20);
            }
            assertEquals(List.of(), listing(tmp), "temporary files are unlinked once open");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(kernel.pid())).start().waitFor());
            assertTrue(kernel.waitFor(60, TimeUnit.SECONDS), "the kernel ended on SIG" + signal);
        } finally {
            kernel.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "a child outlived the kernel after SIG"
            + signal + ": " + children.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " "
                + p.info().command().orElse("?")).toList());
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)); // the next run can bind it
        }
        assertEquals(List.of(), listing(tmp), "nothing left in the temporary directory after SIG" + signal);
    }

    @Test
    void theForwardListensOnLoopbackOnly() throws Exception {
        Path elf = idler();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process kernel = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            DenaliCli.class.getName(), "run", elf.toString(), "--net", "passt:" + port + ":80")
            .directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String listeners = "";
            while (!listeners.contains(":" + port + " ") && System.nanoTime() < deadline && kernel.isAlive()) {
                Thread.sleep(50);
                Process ss = new ProcessBuilder("ss", "-Htln").redirectErrorStream(true).start();
                listeners = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                ss.waitFor();
            }
            String line = listeners.lines().filter(l -> l.contains(":" + port + " ")).findFirst().orElse("");
            assertTrue(line.contains("127.0.0.1:" + port + " "), "listens on loopback:\n" + listeners);
            assertTrue(listeners.lines().filter(l -> l.contains(":" + port + " "))
                .noneMatch(l -> l.contains("0.0.0.0:" + port) || l.contains("*:" + port)), listeners);
        } finally {
            kernel.destroy();
            kernel.waitFor(30, TimeUnit.SECONDS);
            kernel.destroyForcibly();
        }
    }

    private static List<String> listing(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String drain(BufferedReader out) throws Exception {
        StringBuilder sb = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }
}
