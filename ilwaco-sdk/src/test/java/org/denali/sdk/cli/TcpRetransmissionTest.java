package org.denali.sdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.denali.emulator.kernel.GuestImage;
import org.denali.emulator.kernel.InHeapMemoryManager;
import org.denali.emulator.kernel.Kernel;
import org.denali.emulator.kernel.KernelConfig;
import org.denali.emulator.kernel.LocalNetwork;
import org.denali.emulator.kernel.VirtualMachine;
import org.denali.emulator.kernel.VmConfig;
import org.denali.emulator.kernel.VmDeviceFactory;
import org.denali.emulator.kernel.VmExit;
import org.denali.emulator.net.FrameDropPolicy;
import org.denali.emulator.net.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TCP over a LAN that loses frames (an {@link org.denali.emulator.net.EthernetSwitch} drop policy), on a
 * deterministic kernel so virtual time is exact: src/test/resources/net/tcp-loss sends one segment whose first
 * three transmissions are lost, so it must be retransmitted after 200, 400 and 800 ms (RTO doubling from the
 * 200 ms minimum) and is acknowledged after about 1.4 s; then 256 KB cross a LAN dropping one frame in twenty both
 * ways and arrive intact.
 */
class TcpRetransmissionTest {
    private static final int MASK_24 = 0xFFFFFF00;
    private static final int CLIENT = 0x0A000002;
    private static final int SERVER = 0x0A000003;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void lostSegmentsAreRetransmittedWithExponentialBackoffAndBulkDataSurvivesLoss() throws Exception {
        Path image = TcpTestSupport.buildTestGuest(dir, "tcp-loss", Map.of());
        GuestImage guest = GuestImage.parse(Files.readAllBytes(image));
        Kernel kernel = new Kernel(KernelConfig.defaults().deterministic(), InHeapMemoryManager.unlimited());
        LocalNetwork network = new LocalNetwork();
        LossyLan loss = new LossyLan();
        network.lan().setDropPolicy(loss);
        Path pcap = dir.resolve("loss.pcap");
        ByteArrayOutputStream serverConsole = new ByteArrayOutputStream();
        ByteArrayOutputStream clientConsole = new ByteArrayOutputStream();
        List<VmDeviceFactory> lan = List.of(network);
        try (PcapWriter capture = PcapWriter.create(pcap)) {
            network.lan().addTap(capture);
            VirtualMachine server = kernel.instantiate(guest, VmConfig.defaults().withNic(0, SERVER, MASK_24, 0),
                serverConsole, lan);
            VirtualMachine client = kernel.instantiate(guest, VmConfig.defaults().withNic(0, CLIENT, MASK_24, 0),
                clientConsole, lan);
            kernel.run();
            String clientText = clientConsole.toString(StandardCharsets.UTF_8);
            String serverText = serverConsole.toString(StandardCharsets.UTF_8);
            assertEquals(VmExit.terminated(0), client.exit(), clientText);
            assertEquals(VmExit.terminated(0), server.exit(), serverText);

            Matcher first = Pattern.compile("client: first segment acknowledged after (\\d+) ms, (\\d+) timeouts, "
                + "highest rto (\\d+) ms, rto now (\\d+) ms").matcher(clientText);
            assertTrue(first.find(), clientText);
            int elapsed = Integer.parseInt(first.group(1));
            assertEquals(3, loss.firstSegmentDrops, "the policy dropped the segment three times");
            assertEquals("3", first.group(2), "three retransmission timeouts: " + clientText);
            assertTrue(elapsed >= 1400 && elapsed < 1700, "200 + 400 + 800 ms of backoff, not " + elapsed + " ms");
            assertEquals("800", first.group(3), "the waits were 200, 400 and 800 ms: the RTO doubled on each expiry");
            assertEquals("200", first.group(4), "and fell back once the segment was acknowledged");
            assertTrue(clientText.contains("client: sink counted '1000 "), clientText);

            assertTrue(clientText.contains("client: bulk intact"), clientText);
            assertTrue(loss.randomDrops >= 10, "the LAN lost frames during the bulk transfer: " + loss.randomDrops);
            Matcher stats = Pattern.compile("client: stats retransmissions (\\d+) timeouts (\\d+)").matcher(clientText);
            assertTrue(stats.find() && Integer.parseInt(stats.group(1)) > 3, clientText);
            System.out.println("TCP over a lossy LAN: " + loss.randomDrops + " frames lost; " + clientText.lines()
                .filter(l -> l.contains("stats") || l.contains("bulk")).toList() + " " + serverText.trim());
        }
        assertEquals("", TcpTestSupport.badFrames(pcap), "no malformed frames or bad checksums");
        assertTrue(TcpTestSupport.count(pcap, "tcp.analysis.retransmission && tcp.len == 1000") >= 3,
            "the capture shows the lost segment sent again");
    }

    /**
     * Drops the client's first data segment (1000 bytes) three times; from the client's second SYN on (the bulk
     * connection) one frame in twenty, either way, from a seeded generator (the kernel is deterministic).
     */
    private static final class LossyLan implements FrameDropPolicy {
        private final Random random = new Random(5);
        int firstSegmentDrops;
        int clientSyns;
        int randomDrops;

        @Override
        public boolean drop(int fromPort, byte[] frame) {
            if (frame.length < 54 || (frame[12] & 0xFF) != 0x08 || frame[13] != 0 || frame[23] != 6) {
                return false; // not IPv4/TCP
            }
            int ipHeader = (frame[14] & 0x0F) * 4;
            int totalLength = (frame[16] & 0xFF) << 8 | frame[17] & 0xFF;
            int tcp = 14 + ipHeader;
            int payload = totalLength - ipHeader - ((frame[tcp + 12] & 0xF0) >> 4) * 4;
            boolean fromClient = frame[29] == 2;
            boolean syn = (frame[tcp + 13] & 0x12) == 0x02;
            if (fromClient && syn) {
                clientSyns++;
                return false;
            }
            if (fromClient && payload == 1000 && firstSegmentDrops < 3) {
                firstSegmentDrops++;
                return true;
            }
            if (clientSyns >= 2 && random.nextInt(20) == 0) {
                randomDrops++;
                return true;
            }
            return false;
        }
    }
}
