package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture of the virtual LAN read back by tshark (Debian package tshark). */
class PcapWriterTest {
    @TempDir
    Path dir;

    @Test
    void tsharkReadsEveryFrameWithNothingMalformed() throws Exception {
        Path file = dir.resolve("lan.pcap");
        EthernetSwitch lan = new EthernetSwitch();
        MacAddress a = MacAddress.forVm(1);
        MacAddress b = MacAddress.forVm(2);
        int pa;
        try (PcapWriter pcap = PcapWriter.create(file)) {
            lan.addTap(pcap);
            pa = lan.attach(frame -> { }, a);
            lan.attach(frame -> { }, b);
            int ipA = 0x0A00_0001;
            int ipB = 0x0A00_0002;
            lan.forward(pa, Frames.arpRequest(a, ipA, ipB));
            lan.forward(pa, Frames.ethernet(b, a, Frames.ETHERTYPE_IPV4,
                Frames.ipv4(1, ipA, ipB, Frames.icmpEcho(7, 1, "denali".getBytes(StandardCharsets.US_ASCII)))));
            lan.forward(pa, Frames.ethernet(b, a, Frames.ETHERTYPE_IPV4,
                Frames.ipv4(17, ipA, ipB, Frames.udp(4000, 9, new byte[1000]))));
            lan.forward(pa, Frames.ethernet(MacAddress.forVm(99), a, Frames.ETHERTYPE_IPV4,
                Frames.ipv4(17, ipA, ipB, Frames.udp(4000, 9, new byte[10])))); // dropped by the switch, still captured
        }

        List<String> protocols = tshark(file, "-T", "fields", "-e", "frame.protocols");
        // Dissection below UDP depends on the tshark version (data or discard), so compare up to udp.
        assertEquals(List.of("eth:ethertype:arp", "eth:ethertype:ip:icmp:data", "eth:ethertype:ip:udp",
            "eth:ethertype:ip:udp"), protocols.stream().map(p -> p.replaceFirst("(:udp).*", "$1")).toList());
        assertEquals(List.of(), tshark(file, "-Y", "_ws.malformed || _ws.expert.severity >= error"));
        assertEquals(List.of("42", "48", "1042", "52"), tshark(file, "-T", "fields", "-e", "frame.len"));
    }

    private static List<String> tshark(Path file, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark hung");
        }
        assertEquals(0, p.exitValue(), "tshark failed on " + file + ": " + out);
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
