package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two kernels' switches linked by real UDP sockets on 127.0.0.1, and a hostile peer sending garbage. */
class VxlanUplinkTest {
    private static final int VNI = 4242;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A switch port that keeps what it gets (frames arrive on the uplink's reader thread). */
    private static final class Port implements SwitchPort {
        final List<byte[]> got = new ArrayList<>();

        @Override
        public synchronized void deliver(byte[] frame) {
            got.add(frame);
        }

        synchronized int count() {
            return got.size();
        }

        synchronized byte[] last() {
            return got.get(got.size() - 1);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private static InetSocketAddress freeLoopbackPort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
    }

    private DatagramChannel rawPeer(InetSocketAddress at) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(at);
        channel.socket().setSoTimeout(5000);
        open.add(channel);
        return channel;
    }

    private VxlanUplink uplink(InetSocketAddress local, EthernetSwitch lan, InetSocketAddress... peers)
            throws IOException {
        VxlanUplink uplink = VxlanUplink.open(new VxlanConfig(local, List.of(peers), VNI), lan);
        open.add(uplink);
        return uplink;
    }

    /** Waits (up to 10 s) for the reader thread to get there; the assertions that follow say what was expected. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static byte[] receive(DatagramChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        java.net.DatagramPacket packet = new java.net.DatagramPacket(new byte[65536], 65536);
        channel.socket().receive(packet);
        buffer.put(packet.getData(), 0, packet.getLength());
        return java.util.Arrays.copyOf(packet.getData(), packet.getLength());
    }

    @Test
    void theHeaderIsRfc7348s() {
        byte[] frame = Frames.tagged(MacAddress.BROADCAST, MacAddress.forVm(1), 0, 46);
        byte[] datagram = VxlanHeader.encapsulate(0xABCDEF, frame);
        assertArrayEquals(new byte[] {0x08, 0, 0, 0, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 0},
            java.util.Arrays.copyOf(datagram, 8));
        assertArrayEquals(frame, java.util.Arrays.copyOfRange(datagram, 8, datagram.length));
    }

    @Test
    void twoSwitchesBecomeOneLanAndLearnedMacsAreNotFlooded() throws Exception {
        InetSocketAddress addressA = freeLoopbackPort();
        InetSocketAddress addressB = freeLoopbackPort();
        InetSocketAddress addressC = freeLoopbackPort();
        DatagramChannel third = rawPeer(addressC); // a third kernel that never answers
        EthernetSwitch lanA = new EthernetSwitch();
        EthernetSwitch lanB = new EthernetSwitch();
        MacAddress macA = MacAddress.forVm(1);
        MacAddress macB = MacAddress.forVm(2);
        Port vmA = new Port();
        Port vmB = new Port();
        int portA = lanA.attach(vmA, macA);
        int portB = lanB.attach(vmB, macB);
        VxlanUplink upA = uplink(addressA, lanA, addressB, addressC);
        VxlanUplink upB = uplink(addressB, lanB, addressA);

        byte[] arp = Frames.arpRequest(macA, 0x0A000001, 0x0A000002);
        lanA.forward(portA, arp);
        await(() -> vmB.count() == 1);
        assertArrayEquals(arp, vmB.last(), "the broadcast crossed the link unchanged");
        byte[] flooded = receive(third);
        assertEquals(VNI, VxlanHeader.vni(flooded, 0), "a broadcast goes to every peer");

        byte[] reply = Frames.tagged(macA, macB, 7, 46);
        lanB.forward(portB, reply);
        await(() -> vmA.count() == 1);
        assertArrayEquals(reply, vmA.last());
        assertEquals(upA.port(), lanA.portOf(macB), "A's switch learned B's MAC on the uplink");

        byte[] unicast = Frames.tagged(macB, macA, 8, 46);
        lanA.forward(portA, unicast);
        await(() -> vmB.count() == 2);
        assertArrayEquals(unicast, vmB.last());
        third.socket().setSoTimeout(300);
        assertThrows(SocketTimeoutException.class, () -> receive(third),
            "a frame to a learned MAC goes to its peer only, not flooded");
        assertEquals(new VxlanStats(3, 1, 0, 0, 0, 0, 0, 0), upA.stats());
        assertEquals(new VxlanStats(1, 2, 0, 0, 0, 0, 0, 0), upB.stats());
    }

    @Test
    void garbageFromAPeerIsDroppedAndCountedAndTheLinkKeepsWorking() throws Exception {
        InetSocketAddress local = freeLoopbackPort();
        InetSocketAddress peerAddress = freeLoopbackPort();
        DatagramChannel peer = rawPeer(peerAddress);
        EthernetSwitch lan = new EthernetSwitch();
        Port vm = new Port();
        lan.attach(vm, MacAddress.forVm(1));
        VxlanUplink uplink = uplink(local, lan, peerAddress);
        byte[] good = VxlanHeader.encapsulate(VNI, Frames.tagged(MacAddress.forVm(1), MacAddress.forVm(9), 1, 46));

        peer.send(ByteBuffer.wrap(new byte[0]), local);
        peer.send(ByteBuffer.wrap(new byte[] {8, 0, 0}), local);
        peer.send(ByteBuffer.wrap(java.util.Arrays.copyOf(good, 8 + 13)), local); // header + 13 bytes: short
        byte[] noFlag = good.clone();
        noFlag[0] = 0;
        peer.send(ByteBuffer.wrap(noFlag), local);
        byte[] otherFlags = good.clone();
        otherFlags[0] = (byte) 0xF7; // every bit but I: still no valid VNI
        peer.send(ByteBuffer.wrap(otherFlags), local);
        peer.send(ByteBuffer.wrap(VxlanHeader.encapsulate(VNI + 1,
            Frames.tagged(MacAddress.forVm(1), MacAddress.forVm(9), 1, 46))), local);
        peer.send(ByteBuffer.wrap(VxlanHeader.encapsulate(VNI, new byte[VxlanUplink.MAX_FRAME + 1])), local);
        peer.send(ByteBuffer.wrap(new byte[60000]), local); // zeros: no I flag
        Random random = new Random(7348);
        int randomDrops = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(1600)];
            random.nextBytes(noise);
            if (noise.length >= 8) {
                noise[0] &= ~VxlanHeader.FLAG_VNI_VALID; // random bytes, guaranteed not to be our VNI's frames
            }
            peer.send(ByteBuffer.wrap(noise), local);
            randomDrops++;
            if (i % 100 == 99) { // paced: loopback drops what a full socket buffer cannot take
                int sentSoFar = 8 + i + 1;
                await(() -> uplink.stats().dropped() >= sentSoFar);
            }
        }
        byte[] reservedBitsSet = good.clone();
        reservedBitsSet[0] = (byte) 0xFF; // reserved bits are ignored on receipt (RFC 7348 §5)
        reservedBitsSet[7] = (byte) 0xFF;
        peer.send(ByteBuffer.wrap(reservedBitsSet), local);
        await(() -> vm.count() == 1);

        try (DatagramChannel stranger = DatagramChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress("127.0.0.2", 0))) {
            stranger.send(ByteBuffer.wrap(good), local);
        }
        peer.send(ByteBuffer.wrap(good), local);
        await(() -> vm.count() == 2);

        VxlanStats stats = uplink.stats();
        assertEquals(2, stats.received());
        assertEquals(1, stats.droppedForeign(), "a datagram from an address that is no peer");
        assertEquals(1, stats.droppedVni());
        assertEquals(1, stats.droppedOversize());
        assertEquals(2 + 1 + 1 + 2000 + 3 + 1 + 1, stats.dropped(), stats.toString());
        assertEquals(null, uplink.failure(), "the reader still runs");
        assertTrue(randomDrops == 2000);
    }

    @Test
    void aPeerInventingSourceMacsCannotGrowTheTables() throws Exception {
        InetSocketAddress local = freeLoopbackPort();
        InetSocketAddress peerAddress = freeLoopbackPort();
        DatagramChannel peer = rawPeer(peerAddress);
        EthernetSwitch lan = new EthernetSwitch();
        Port vm = new Port();
        lan.attach(vm, MacAddress.forVm(1));
        VxlanUplink uplink = uplink(local, lan, peerAddress);
        int sent = VxlanUplink.MAX_REMOTE_MACS + 500;
        for (int i = 0; i < sent; i++) {
            MacAddress source = new MacAddress(0x02_00_00_00_00_00L + i);
            peer.send(ByteBuffer.wrap(VxlanHeader.encapsulate(VNI, Frames.tagged(MacAddress.BROADCAST, source, i,
                46))), local);
            if (i % 100 == 99) { // paced: loopback drops what a full socket buffer cannot take
                int sentSoFar = i + 1;
                await(() -> uplink.stats().received() + uplink.stats().droppedForeign() >= sentSoFar);
            }
        }
        await(() -> uplink.stats().received() + uplink.stats().droppedForeign() >= sent);
        assertEquals(VxlanUplink.MAX_REMOTE_MACS, uplink.stats().received(), uplink.stats().toString());
        assertEquals(500, uplink.stats().droppedForeign());
        assertEquals(0, lan.portOf(new MacAddress(0x02_00_00_00_00_00L + sent - 1)));
    }

    @Test
    void badSettingsAreClearErrors() {
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 4789);
        assertEquals("a VNI is 24 bits: 0..16777215, not 16777216", assertThrows(IllegalArgumentException.class,
            () -> new VxlanConfig(local, List.of(new InetSocketAddress("127.0.0.1", 4790)), 1 << 24)).getMessage());
        assertEquals("VXLAN peer 127.0.0.1:4789 is this endpoint itself", assertThrows(
            IllegalArgumentException.class, () -> new VxlanConfig(local, List.of(local), 1)).getMessage());
        assertEquals("--vxlan-peer 10.0.0.1:99999: the UDP port must be in 1..65535", assertThrows(
            IllegalArgumentException.class, () -> VxlanConfig.peers("10.0.0.1:99999", "--vxlan-peer")).getMessage());
        assertEquals("--vxlan-peer 10.0.0.1:x: the UDP port must be in 1..65535", assertThrows(
            IllegalArgumentException.class, () -> VxlanConfig.peers("10.0.0.1:x", "--vxlan-peer")).getMessage());
        assertEquals("--vxlan expects HOST[:PORT], e.g. 192.0.2.10:4789", assertThrows(
            IllegalArgumentException.class, () -> VxlanConfig.endpoint("", "--vxlan", true)).getMessage());
        assertEquals("--vni expects a VXLAN network identifier 0..16777215, not '-1'", assertThrows(
            IllegalArgumentException.class, () -> VxlanConfig.vni("-1", "--vni")).getMessage());
        assertEquals(4789, VxlanConfig.endpoint("127.0.0.1", "--vxlan", true).getPort());
    }

    @Test
    void aPortInUseNamesTheEndpoint() throws Exception {
        InetSocketAddress taken = freeLoopbackPort();
        rawPeer(taken);
        IOException e = assertThrows(IOException.class, () -> VxlanUplink.open(
            new VxlanConfig(taken, List.of(freeLoopbackPort()), 1), new EthernetSwitch()));
        assertTrue(e.getMessage().startsWith("VXLAN endpoint " + VxlanConfig.format(taken) + ": cannot listen on UDP"),
            e.getMessage());
    }
}
