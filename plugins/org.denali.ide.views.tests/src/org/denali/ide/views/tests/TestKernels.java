package org.denali.ide.views.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.core.launch.KernelCommandLine;

/** Real kernel processes for the tests: an assembled idle guest, started exactly as the launch delegate does. */
final class TestKernels {
    private TestKernels() {
    }

    /** A guest that idles for {@code micros} in a loop (3 instructions per wake-up): thousands of VMs stay cheap. */
    static Path idleGuest(Path dir, int micros) throws IOException, InterruptedException {
        Path source = dir.resolve("idle.s");
        Files.writeString(source, """
                .text
                .globl _start
                _start:
                  mov $%d, %%eax
                  .byte 0x0f, 0x0a
                  jmp _start
                """.formatted(micros));
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

    /** {@code denali run IMAGE --count N --memory 2M --monitor PORT}, as the IDE starts kernels. */
    static Process start(Path image, int count, int monitorPort, StringBuffer stderr) throws Exception {
        GuestLaunchSettings settings = new GuestLaunchSettings("tests", image.getFileName().toString(), count, "2M",
                "", "", false, false);
        List<String> command = KernelCommandLine.forRun(image, settings,
                KernelCommandLine.monitorOptions(monitorPort));
        Process process = startUnread(image, count, monitorPort);
        drain(process.getInputStream(), null);
        drain(process.getErrorStream(), stderr);
        return process;
    }

    /**
     * A kernel whose output nobody reads yet: for a test that hands it to the debug platform
     * ({@code DebugPlugin.newProcess}), which must be its streams' only reader. Two readers of one process stream
     * race when the process ends: the JDK closes the stream under the second one, which then fails with "Stream
     * closed" (logged by org.eclipse.debug.core as an error).
     */
    static Process startUnread(Path image, int count, int monitorPort) throws Exception {
        GuestLaunchSettings settings = new GuestLaunchSettings("tests", image.getFileName().toString(), count, "2M",
                "", "", false, false);
        List<String> command = KernelCommandLine.forRun(image, settings,
                KernelCommandLine.monitorOptions(monitorPort));
        return new ProcessBuilder(command).directory(image.getParent().toFile()).start();
    }

    private static void drain(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (into != null) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "kernel-output");
        t.setDaemon(true);
        t.start();
    }

    /** Waits (generously) until the kernel announces its monitor, i.e. the port listens. */
    static void awaitMonitor(Process kernel, StringBuffer stderr) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!stderr.toString().contains("monitor on localhost:")) {
            if (!kernel.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the kernel did not start its monitor: " + stderr);
            }
            Thread.sleep(20); // polling another process's output; bounded by the deadline
        }
    }

}
