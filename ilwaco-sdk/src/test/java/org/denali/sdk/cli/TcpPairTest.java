package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two VMs talking TCP over the kernel's switch ({@code denali run tcp-pair.elf --count 2 --ip 10.0.0.2/24}):
 * src/test/resources/net/tcp-pair's client VM runs its checks of the socket API against the poll-based server VM
 * (errors, refused and unreachable connects, 1000 round trips, 1 MB echoed, timeouts, peeking, half-close,
 * TIME_WAIT, concurrent connections, non-blocking connect, resets, UDP sockets, zero-window probing); the capture
 * is clean and shows the probes.
 */
class TcpPairTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void twoVmsPassEveryCheckAndTheCaptureIsClean() throws Exception {
        Path image = TcpTestSupport.buildTestGuest(dir, "tcp-pair", Map.of());
        CliSession cli = CliSession.runOnly(dir);
        int code = cli.denali("run", image.toString(), "--count", "2", "--ip", "10.0.0.2/24", "--pcap", "pair.pcap");
        String console = cli.out();
        assertEquals(0, code, console + cli.err());
        Matcher result = Pattern.compile("(?m)^\\[vm1\\] client: (\\d+) passed, (\\d+) failed$").matcher(console);
        assertTrue(result.find(), console);
        assertEquals("0", result.group(2), console);
        assertTrue(Integer.parseInt(result.group(1)) >= 83, "every check ran: " + result.group());
        assertTrue(console.contains("[vm2] server: served 56 echo connections, reset 1, echoed 2 datagrams\n"), console);
        Matcher rtt = Pattern.compile("client: round trip (\\d+) us").matcher(console);
        Matcher rate = Pattern.compile("client: 1 MB echoed in (\\d+) ms \\((\\d+) KB/s each way\\)").matcher(console);
        assertTrue(rtt.find() && rate.find(), console);
        System.out.printf("TCP between two VMs: round trip %s us, 1 MB echoed in %s ms (%s KB/s each way)%n",
            rtt.group(1), rate.group(1), rate.group(2));

        Path pcap = dir.resolve("pair.pcap");
        assertEquals("", TcpTestSupport.badFrames(pcap), "no malformed frames or bad checksums");
        assertTrue(TcpTestSupport.count(pcap, "tcp.checksum.status == \"Good\"") > 1000, "tshark checked TCP checksums");
        // the refused connect and the SO_LINGER-0 close show up as resets from the server
        assertTrue(TcpTestSupport.count(pcap, "tcp.flags.reset == 1 && ip.src == 10.0.0.3 && tcp.srcport == 1") >= 1,
            "RST for a closed port");
        assertTrue(TcpTestSupport.count(pcap, "tcp.flags.reset == 1 && ip.src == 10.0.0.3 && tcp.srcport == 10") >= 1,
            "RST from SO_LINGER 0");
        assertTrue(TcpTestSupport.count(pcap, "tcp.option_kind == 3 && tcp.flags.syn == 1") >= 16,
            "window scale offered and answered");
        assertTrue(TcpTestSupport.count(pcap, "udp.checksum.status == \"Good\"") >= 4, "UDP through the socket API");
        assertTrue(TcpTestSupport.count(pcap, "tcp.analysis.zero_window_probe && tcp.dstport == 11") >= 2,
            "the client probed the stalled reader's zero window");
    }
}
