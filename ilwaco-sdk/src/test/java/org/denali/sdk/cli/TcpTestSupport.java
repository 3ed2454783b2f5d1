package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.denali.sdk.build.SdkLayout;

/**
 * What the TCP tests share: building guests (examples and src/test/resources/net/NAME), running {@code denali run}
 * in the background with a keyboard that stays open until the test is done, reading captures with tshark, and
 * passt's view of the host (which address the guest has and which one reaches the host).
 */
final class TcpTestSupport {
    /** tshark options that turn on checksum validation (IP, TCP and UDP are only verified on request). */
    static final List<String> VALIDATE = List.of("-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
        "-o", "udp.check_checksum:TRUE");
    static final String BAD_FRAMES = "_ws.malformed || _ws.expert.severity == error || ip.checksum.status == \"Bad\""
        + " || tcp.checksum.status == \"Bad\" || udp.checksum.status == \"Bad\"";

    private TcpTestSupport() {
    }

    /** Copies src/test/resources/net/NAME (NAME.c with - as _, denali.properties) and {@code extra} files; builds. */
    static Path buildTestGuest(Path dir, String name, Map<String, String> extra) throws Exception {
        Path project = dir.resolve(name);
        Files.createDirectories(project);
        for (String file : List.of(name.replace('-', '_') + ".c", "denali.properties")) {
            try (var in = TcpTestSupport.class.getResourceAsStream("/net/" + name + "/" + file)) {
                Files.write(project.resolve(file), in.readAllBytes());
            }
        }
        for (Map.Entry<String, String> file : extra.entrySet()) {
            Files.writeString(project.resolve(file.getKey()), file.getValue());
        }
        return build(project);
    }

    /** Copies examples/NAME of the repository and builds it. */
    static Path buildExample(Path dir, String name) throws Exception {
        Path source = SdkLayout.locate().root().getParent().resolve("examples").resolve(name);
        Path project = dir.resolve(name);
        Files.createDirectories(project);
        try (var files = Files.list(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, project.resolve(file.getFileName()));
            }
        }
        return build(project);
    }

    private static Path build(Path project) throws Exception {
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded() && result.diagnostics().isEmpty(), result.diagnostics().toString());
        return result.image();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String tshark(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark"));
        command.addAll(VALIDATE);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark hung");
        assertEquals(0, p.exitValue(), "tshark " + command);
        return text;
    }

    /** Frames of the capture that tshark finds malformed, in error, or with a bad IP/TCP/UDP checksum. */
    static String badFrames(Path pcap) throws Exception {
        return tshark("-r", pcap.toString(), "-Y", BAD_FRAMES).trim();
    }

    /** How many frames tshark matches with {@code filter}. */
    static long count(Path pcap, String filter) throws Exception {
        return tshark("-r", pcap.toString(), "-Y", filter).lines().count();
    }

    /**
     * passt's picture of the host: it gives the guest the address of the interface with the default route (what
     * its DHCP would offer) and maps the default gateway's address to the host itself, so a guest reaches a
     * server on the host's loopback by dialing the gateway (passt(1), --no-map-gw).
     */
    record PasstHost(String guestAddress, int prefix, String gateway) {
        String guestCidr() {
            return guestAddress + "/" + prefix;
        }

        static PasstHost discover() throws IOException {
            List<String> routes = Files.readAllLines(Path.of("/proc/net/route"));
            for (String line : routes.subList(1, routes.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[1].equals("00000000")) {
                    long gateway = Long.parseLong(f[2], 16); // little-endian in /proc/net/route
                    String gatewayText = (gateway & 0xFF) + "." + (gateway >> 8 & 0xFF) + "." + (gateway >> 16 & 0xFF)
                        + "." + (gateway >> 24 & 0xFF);
                    NetworkInterface nic = NetworkInterface.getByName(f[0]);
                    for (InterfaceAddress a : nic.getInterfaceAddresses()) {
                        if (a.getAddress() instanceof Inet4Address v4) {
                            return new PasstHost(v4.getHostAddress(), a.getNetworkPrefixLength(), gatewayText);
                        }
                    }
                }
            }
            throw new IOException("no IPv4 default route in /proc/net/route: passt has no address to give the guest");
        }
    }

    /** {@code denali run ARGS} on another thread, with a keyboard (the first VM's stdin) the test can type on. */
    static final class BackgroundRun implements AutoCloseable {
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final CliSession session;
        private final CompletableFuture<Integer> exit;
        private final Thread runner;

        BackgroundRun(Path dir, String... args) throws IOException {
            PipedInputStream stdin = new PipedInputStream(keyboard);
            session = new CliSession(dir, List.of(new RunCommand(stdin)));
            exit = new CompletableFuture<>();
            runner = new Thread(() -> {
                try {
                    exit.complete(session.denali(args));
                } catch (Throwable t) {
                    exit.completeExceptionally(t);
                }
            }, "denali-run");
            runner.setDaemon(true);
            runner.start();
        }

        /** Types {@code text} on the first VM's keyboard. */
        void type(String text) throws IOException {
            keyboard.write(text.getBytes(StandardCharsets.US_ASCII));
            keyboard.flush();
        }

        String out() {
            return session.out();
        }

        String err() {
            return session.err();
        }

        /** Waits until the console shows {@code text} (the guest is ready); fails if the run ends first. */
        void awaitOutput(String text, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!out().contains(text)) {
                if (exit.isDone()) {
                    fail("the run ended before printing '" + text + "': " + out() + err());
                }
                if (System.nanoTime() > deadline) {
                    fail("no '" + text + "' within " + timeout + ": " + out() + err());
                }
                Thread.sleep(20);
            }
        }

        /** The exit status once the guests end by themselves. */
        int awaitExit(Duration timeout) throws Exception {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Ends the run if the test did not (a failure): like Ctrl-C, the kernel shuts the VMs down. */
        @Override
        public void close() throws IOException {
            keyboard.close();
            if (!exit.isDone()) {
                runner.interrupt();
                try {
                    exit.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the test has failed already; its own message matters more
                }
            }
        }
    }
}
