package org.denali.ide.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.denali.emulator.elf.ElfImage;
import org.denali.emulator.elf.ElfParser;
import org.denali.emulator.elf.ElfSymbol;
import org.denali.emulator.elf.Section;
import org.denali.ide.core.GuestProjectCreator;
import org.denali.ide.core.launch.GuestLaunchSettings;
import org.denali.ide.core.launch.KernelCommandLine;
import org.denali.ide.core.rsp.DenaliRspClient;
import org.denali.ide.core.rsp.I386Registers;
import org.denali.ide.core.rsp.RspConnection;
import org.denali.ide.core.rsp.RspException;
import org.denali.ide.core.rsp.StopReply;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RSP client against a real kernel: the hello template built in a workspace, started as the launch delegate
 * starts it plus {@code --gdb PORT --wait}, two VMs so the thread list has something to show.
 */
class RspConnectionTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private final IWorkspace workspace = ResourcesPlugin.getWorkspace();
    private final BlockingQueue<StopReply> stops = new LinkedBlockingQueue<>();
    private Process kernel;
    private StreamCollector out;
    private StreamCollector err;

    @AfterEach
    void cleanUp() throws CoreException {
        if (kernel != null && kernel.isAlive()) {
            kernel.destroyForcibly();
        }
        for (IProject p : workspace.getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }

    @Test
    void debugsTheHelloGuestThroughTheKernelsStub() throws Exception {
        IProject project = new GuestProjectCreator(workspace).create("stub", "hello", null, null);
        Path image = build(project);
        ElfImage elf = ElfParser.parse(image);
        int main = (int) elf.symbols().byName("main").orElseThrow().value();

        int port = startKernelForGdb(project, image, 2);
        try (RspConnection connection = connectWhenListening(port)) {
            connection.addListener(stops::add);
            DenaliRspClient client = new DenaliRspClient(connection);
            Map<String, String> features = client.qSupported();
            assertEquals("+", features.get("QStartNoAckMode"), features.toString());
            assertNotNull(features.get("PacketSize"));
            client.connection().startNoAckMode();

            assertEquals(List.of(1, 2), client.threadIds());
            I386Registers atEntry = client.registers(2);
            assertEquals((int) elf.entryPoint(), atEntry.eip());

            Section text = elf.section(".text").orElseThrow();
            byte[] code = Arrays.copyOf(elf.sectionData(text), 16);
            assertArrayEquals(code, client.readMemory(1, (int) text.address(), 16));

            client.insertBreakpoint(main);
            client.continueAll();
            assertThrows(RspException.class, () -> client.threadIds(), "only Ctrl-C while running");
            StopReply hit = stops.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(hit, "no stop at main; kernel said: " + err.text());
            assertEquals(StopReply.Reason.BREAKPOINT, hit.reason(), hit.toString());
            assertTrue(hit.thread() == 1 || hit.thread() == 2, hit.toString());
            assertEquals(main, client.registers(hit.thread()).eip());

            client.removeBreakpoint(main);
            client.step(hit.thread());
            StopReply stepped = stops.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(stepped, "no stop after a step");
            assertEquals(StopReply.Reason.STEP, stepped.reason(), stepped.toString());
            assertEquals(hit.thread(), stepped.thread());
            assertNotEquals(main, client.registers(hit.thread()).eip());

            String vms = client.vmsJson();
            assertTrue(vms.startsWith("[") && vms.contains("\"name\":\"vm1\"") && vms.contains("\"name\":\"vm2\""),
                    vms);
            client.detach();
        }
        assertTrue(kernel.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the kernel did not end after detach");
        assertEquals(0, kernel.exitValue(), err.text());
        String console = out.awaitEnd();
        assertTrue(console.contains("[vm1] Hello from stub") && console.contains("[vm2] Hello from stub"), console);
    }

    @Test
    void ctrlCStopsAGuestThatNeverEnds() throws Exception {
        IProject project = new GuestProjectCreator(workspace).create("spinner", "hello", null, null);
        project.getFile("hello.c").setContents(new ByteArrayInputStream(
                "int main(void)\n{\n    volatile unsigned n = 0;\n    for (;;) {\n        n++;\n    }\n}\n"
                        .getBytes(StandardCharsets.UTF_8)), true, false, null);
        Path image = build(project);
        ElfSymbol main = ElfParser.parse(image).symbols().byName("main").orElseThrow();

        int port = startKernelForGdb(project, image, 1);
        try (RspConnection connection = connectWhenListening(port)) {
            connection.addListener(stops::add);
            DenaliRspClient client = new DenaliRspClient(connection);
            client.continueAll();
            assertTrue(connection.isRunning());
            assertThrows(RspException.class, client::continueAll, "one resume at a time");
            Thread.sleep(300); // let it reach the loop
            assertNull(stops.poll(), "the loop never stops by itself");

            client.interrupt();
            StopReply stop = stops.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(stop, "no stop after Ctrl-C; kernel said: " + err.text());
            assertEquals(StopReply.Reason.INTERRUPTED, stop.reason(), stop.toString());
            assertEquals(1, stop.thread());
            assertFalse(connection.isRunning());
            int eip = client.registers(1).eip();
            assertTrue(main.contains(Integer.toUnsignedLong(eip)), "stopped in main's loop, not at " + eip);
            client.detach();
        }
        assertTrue(kernel.isAlive(), "after detach the guest runs on");
    }

    private static Path build(IProject project) throws CoreException {
        project.build(IncrementalProjectBuilder.FULL_BUILD, null);
        return project.getFile(project.getName() + ".elf").getLocation().toFile().toPath();
    }

    /** Starts the kernel exactly as the launch delegate does, plus {@code --gdb PORT --wait}; returns the port. */
    private int startKernelForGdb(IProject project, Path image, int count) throws Exception {
        int port = freePort();
        GuestLaunchSettings settings = new GuestLaunchSettings(project.getName(), image.getFileName().toString(),
                count, "", "", "", false, false);
        kernel = new ProcessBuilder(KernelCommandLine.forRun(image, settings, List.of("--gdb", "" + port, "--wait")))
                .directory(project.getLocation().toFile()).start();
        out = StreamCollector.start(kernel.getInputStream());
        err = StreamCollector.start(kernel.getErrorStream());
        return port;
    }

    /** The kernel prints "waiting for gdb" once its socket listens; connecting earlier would be refused. */
    private RspConnection connectWhenListening(int port) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (!err.text().contains("waiting for gdb") && System.currentTimeMillis() < deadline) {
            assertTrue(kernel.isAlive(), "the kernel ended: " + err.text());
            Thread.sleep(50);
        }
        return RspConnection.connect("127.0.0.1", port, TIMEOUT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Reads a process stream to its end on its own thread, so the process never blocks on a full pipe. */
    private static final class StreamCollector {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        private StreamCollector(InputStream in) {
            thread = new Thread(() -> {
                try {
                    in.transferTo(new java.io.OutputStream() {
                        @Override
                        public void write(int b) {
                            synchronized (bytes) {
                                bytes.write(b);
                            }
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            synchronized (bytes) {
                                bytes.write(b, off, len);
                            }
                        }
                    });
                } catch (IOException e) {
                    // the process ended
                }
            }, "kernel stream");
            thread.setDaemon(true);
        }

        static StreamCollector start(InputStream in) {
            StreamCollector collector = new StreamCollector(in);
            collector.thread.start();
            return collector;
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        String awaitEnd() throws InterruptedException {
            thread.join(TIMEOUT.toMillis());
            return text();
        }
    }
}
