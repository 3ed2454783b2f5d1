package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code denali run --net passt:…}: the virtual LAN reaches a real passt, which answers the guest's DHCP. */
class RunNetworkTest {
    @TempDir
    Path dir;

    private CliSession cli;

    @BeforeEach
    void session() {
        cli = CliSession.runOnly(dir);
    }

    @Test
    void guestGetsADhcpOfferFromPasstAndTheCaptureIsClean() throws Exception {
        Path image = buildProbe();
        int hostPort = freePort();
        int code = cli.denali("run", image.toString(), "--net", "passt:" + hostPort + ":80", "--pcap", "lan.pcap");
        String console = cli.out();
        assertEquals(0, code, console + cli.err());
        assertTrue(console.matches("DHCPOFFER \\d+\\.\\d+\\.\\d+\\.\\d+\\n"), console);
        // passt answered (the OFFER), so it ran; once the run has ended no passt of this run may be left.
        assertEquals(List.of(), passtProcessesFor(hostPort), "passt stopped when denali run ended");

        // tshark: the capture holds our DISCOVER and passt's OFFER, and nothing malformed
        String frames = tshark("-r", dir.resolve("lan.pcap").toString(), "-Y", "dhcp", "-T", "fields",
            "-e", "dhcp.option.dhcp");
        assertTrue(frames.lines().anyMatch(l -> l.trim().equals("1")), "DISCOVER captured: " + frames);
        assertTrue(frames.lines().anyMatch(l -> l.trim().equals("2")), "OFFER captured: " + frames);
        String malformed = tshark("-r", dir.resolve("lan.pcap").toString(), "-Y", "_ws.malformed || _ws.expert.severity == error");
        assertEquals("", malformed.trim(), "no malformed packets");
    }

    @Test
    void badNetSpecificationsAreOneLineErrors() throws Exception {
        Path image = buildProbe();
        assertEquals(2, cli.denali("run", image.toString(), "--net", "tap:8080:80"));
        assertTrue(cli.err().contains("--net expects passt:HOSTPORT:GUESTPORT"), cli.err());
        cli.clear();
        assertEquals(2, cli.denali("run", image.toString(), "--net", "passt:8080"));
        assertTrue(cli.err().contains("expected [ADDRESS/]HOSTPORT:GUESTPORT"), cli.err());
        cli.clear();
        assertEquals(2, cli.denali("run", image.toString(), "--net", "passt:8080:80,8080:81"));
        assertTrue(cli.err().contains("host port 8080 twice"), cli.err());
        cli.clear();
        assertEquals(2, cli.denali("run", image.toString(), "--net", "passt:70000:80"));
        assertTrue(cli.err().contains("1..65535"), cli.err());
    }

    private Path buildProbe() throws Exception {
        Path project = dir.resolve("dhcp-probe");
        Files.createDirectories(project);
        for (String name : List.of("dhcp_probe.c", "denali.properties")) {
            try (var in = RunNetworkTest.class.getResourceAsStream("/net/dhcp-probe/" + name)) {
                Files.write(project.resolve(name), in.readAllBytes());
            }
        }
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded() && result.diagnostics().isEmpty(), result.diagnostics().toString());
        return result.image();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String tshark(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tshark"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark hung");
        assertEquals(0, p.exitValue(), "tshark " + args);
        return text;
    }

    /** Live passt processes forwarding {@code hostPort}: children of this JVM, or anywhere on the host. */
    private static List<String> passtProcessesFor(int hostPort) {
        return ProcessHandle.allProcesses()
            .filter(ProcessHandle::isAlive)
            .filter(p -> p.info().command().map(c -> c.endsWith("/passt") || c.equals("passt")).orElse(false))
            .filter(p -> p.info().arguments().map(args -> java.util.Arrays.stream(args)
                .anyMatch(a -> a.contains(Integer.toString(hostPort)))).orElse(true))
            .map(p -> p.pid() + " " + p.info().commandLine().orElse("passt"))
            .toList();
    }
}
