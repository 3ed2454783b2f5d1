package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.denali.sdk.build.BuildResult;
import org.denali.sdk.build.GuestBuilder;
import org.denali.sdk.build.GuestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two VMs on one virtual LAN with Ilwaco's IPv4 stack ({@code denali run --count 2 --ip 10.0.0.2/24}): VM 1 pings
 * VM 2 (ARP, ICMP echo), has a datagram echoed by VM 2's UDP echo server and fills a socket's receive queue
 * beyond its limit; the capture of the run is clean under
 * tshark with IP, ICMP and UDP checksum validation on. A lone VM (net-api) exercises the error paths and timeouts.
 */
class RunNetworkPairTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int denali(String... args) {
        CommandContext context = new CommandContext(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), dir);
        RunCommand run = new RunCommand(new ByteArrayInputStream(new byte[0]));
        return new DenaliCli(List.of(run)).run(List.of(args), context);
    }

    @Test
    void vmOnePingsVmTwoAndGetsItsDatagramEchoedAndTheCaptureIsClean() throws Exception {
        Path image = buildPair();
        int code = denali("run", image.toString(), "--count", "2", "--ip", "10.0.0.2/24", "--pcap", "lan.pcap");
        String console = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, console + err);
        for (int seq = 1; seq <= 3; seq++) {
            assertTrue(console.contains("[vm1] client: ping 10.0.0.3 seq " + seq + ": reply\n"), console);
        }
        assertTrue(console.contains("[vm1] client: echo from 10.0.0.3:7: hello over the virtual LAN\n"), console);
        assertTrue(console.contains("[vm1] client: done\n"), console);
        assertTrue(console.contains("[vm2] server: echoed 26 bytes to 10.0.0.2 (sent 26)\n"), console);
        assertTrue(console.contains("[vm2] server: first sink datagram 10 bytes, read 'data'\n"), "truncated: " + console);
        assertTrue(console.contains("[vm2] server: sink queued 8 of 10, distinct: yes\n"), "queue limit: " + console);
        assertTrue(console.contains("[vm2] server: answered 3 pings, done\n"), console);

        String pcap = dir.resolve("lan.pcap").toString();
        // IP and UDP checksums are only verified on request; ICMP's always are
        List<String> validate = List.of("-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE");
        String protocols = tshark(validate, "-r", pcap, "-T", "fields", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
        assertTrue(protocols.contains("Who has 10.0.0.3? Tell 10.0.0.2"), protocols);
        assertTrue(protocols.contains("10.0.0.3 is at "), protocols);
        assertEquals(3, protocols.lines().filter(l -> l.contains("Echo (ping) request")).count(), protocols);
        assertEquals(3, protocols.lines().filter(l -> l.contains("Echo (ping) reply")).count(), protocols);
        assertTrue(protocols.lines().filter(l -> l.startsWith("ECHO") || l.startsWith("UDP")).count() >= 3,
            "datagram, its echo and quit: " + protocols);
        String bad = tshark(validate, "-r", pcap, "-Y",
            "_ws.malformed || _ws.expert.severity == error || ip.checksum.status == \"Bad\" "
                + "|| udp.checksum.status == \"Bad\" || icmp.checksum.status == \"Bad\"");
        assertEquals("", bad.trim(), "no malformed packets or bad checksums");
        String checked = tshark(validate, "-r", pcap, "-Y", "udp.checksum.status == \"Good\"");
        assertTrue(checked.lines().count() >= 3, "tshark verified the UDP checksums: " + checked);
    }

    @Test
    void errorPathsAndTimeoutsOnAVmAloneOnItsLan() throws Exception {
        Path image = build("net-api", "net_api.c");
        int code = denali("run", image.toString(), "--ip", "10.0.0.2/24");
        String console = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, console + err);
        assertEquals("30 passed, 0 failed\n", console, "every check ran and passed");
    }

    @Test
    void ipGivesEachVmTheNextAddressAndRejectsWhatDoesNotFit() throws Exception {
        Path image = buildPair();
        assertEquals(2, denali("run", image.toString(), "--ip", "10.0.0.2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--ip expects A.B.C.D/PREFIX"), err.toString());
        err.reset();
        assertEquals(2, denali("run", image.toString(), "--ip", "10.0.0.300/24"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--ip expects A.B.C.D/PREFIX"), err.toString());
        err.reset();
        assertEquals(2, denali("run", image.toString(), "--ip", "10.0.0.0/24"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("do not fit"), err.toString());
        err.reset();
        assertEquals(2, denali("run", image.toString(), "--ip", "10.0.0.253/24", "--count", "3"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("3 VM(s) from this address do not fit"), err.toString());
        RunCommand.StaticIp ip = RunCommand.StaticIp.parse("192.168.1.10/16", 2);
        assertEquals(0xC0A8010B, ip.address(1));
        assertEquals(0xFFFF0000, ip.netmask());
    }

    private Path buildPair() throws Exception {
        return build("net-pair", "net_pair.c");
    }

    /** Builds the test guest src/test/resources/net/NAME. */
    private Path build(String name, String source) throws Exception {
        Path project = dir.resolve(name);
        Files.createDirectories(project);
        for (String file : List.of(source, "denali.properties")) {
            try (var in = RunNetworkPairTest.class.getResourceAsStream("/net/" + name + "/" + file)) {
                Files.write(project.resolve(file), in.readAllBytes());
            }
        }
        BuildResult result = GuestBuilder.forInstalledSdk().build(GuestProject.load(project));
        assertTrue(result.succeeded() && result.diagnostics().isEmpty(), result.diagnostics().toString());
        return result.image();
    }

    private String tshark(List<String> options, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark"));
        command.addAll(options);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark hung");
        assertEquals(0, p.exitValue(), "tshark " + command);
        return text;
    }
}
