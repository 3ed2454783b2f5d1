package org.denali.emulator.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink against a real passt (Debian package passt): passt answers DHCP and ARP itself and forwards a host TCP
 * port to the guest, so all of this works without a guest TCP/IP stack.
 */
class PasstUplinkTest {
    private static final MacAddress GUEST = MacAddress.forVm(1);

    @TempDir
    Path dir;

    @Test
    void passtAnswersDhcpAndArpAndForwardsAHostPortToTheGuest() throws Exception {
        int hostPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            hostPort = probe.getLocalPort();
        }
        EthernetSwitch lan = new EthernetSwitch();
        BlockingQueue<byte[]> toGuest = new LinkedBlockingQueue<>();
        int guestPort = lan.attach(toGuest::add, GUEST);

        try (PasstProcess passt = PasstProcess.start(dir.resolve("passt.sock"), List.of(new PortForward(hostPort, 80)));
             PasstUplink uplink = PasstUplink.connect(passt.socket(), lan)) {
            assertTrue(passt.isAlive());

            // DHCP: passt offers the guest an address and names the router.
            int xid = 0x1DE1A11;
            lan.forward(guestPort, Frames.dhcpDiscover(GUEST, xid));
            byte[] offer = await(toGuest, f -> isUdp(f, 67, 68) && bootp(f).getInt(4) == xid, "DHCPOFFER");
            ByteBuffer reply = bootp(offer);
            assertEquals(2, reply.get(0), "BOOTREPLY");
            assertEquals(2, dhcpOption(reply, 53)[0], "DHCP message type OFFER");
            int address = reply.getInt(16);
            int router = ByteBuffer.wrap(dhcpOption(reply, 3)).getInt();
            assertTrue(address != 0 && router != 0);

            // ARP: passt answers for the router with its own MAC, which the switch learns on the uplink port.
            lan.forward(guestPort, Frames.arpRequest(GUEST, address, router));
            byte[] arp = await(toGuest, f -> Frames.etherType(f) == Frames.ETHERTYPE_ARP
                && (f[20] << 8 | f[21]) == 2, "ARP reply");
            assertEquals(router, ByteBuffer.wrap(arp).getInt(28), "sender IP of the reply is the router");
            MacAddress passtMac = MacAddress.of(arp, 22);
            assertEquals(uplink.port(), lan.portOf(passtMac));

            // Port forward: a host connection to 127.0.0.1:hostPort becomes a SYN to the guest's port 80.
            try (Socket client = new Socket()) {
                Thread connector = new Thread(() -> {
                    try {
                        client.connect(new InetSocketAddress("127.0.0.1", hostPort), 5000);
                    } catch (IOException ignored) {
                        // no guest TCP stack answers; only the SYN matters here
                    }
                });
                connector.setDaemon(true);
                connector.start();
                byte[] syn = await(toGuest, f -> isTcp(f) && tcpDestinationPort(f) == 80 && (f[14 + 20 + 13] & 0x02) != 0,
                    "TCP SYN to guest port 80");
                assertEquals(address, ByteBuffer.wrap(syn).getInt(14 + 16), "to the address passt gave the guest");
                assertEquals(GUEST, MacAddress.of(syn, 0));
            }
            assertNull(uplink.failure());
        }
    }

    /** The whole path a guest uses: NIC_SEND → packet scheduler → switch → passt → switch → NIC_RECEIVE. */
    @Test
    void aGuestNicGetsADhcpOfferThroughPasst() throws Exception {
        EthernetSwitch lan = new EthernetSwitch();
        PacketScheduler tx = new PacketScheduler(lan);
        java.util.List<Integer> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        VirtualNic nic = new VirtualNic(GUEST, 1500, lines::add);
        tx.add(nic, lan.attach(nic, GUEST));
        org.denali.emulator.memory.PagedMemory memory = new org.denali.emulator.memory.PagedMemory(16 * 4096,
            org.denali.emulator.memory.PageProvider.ZERO_FILL);
        try (PasstProcess passt = PasstProcess.start(dir.resolve("p.sock"), List.of());
             PasstUplink uplink = PasstUplink.connect(passt.socket(), lan)) {
            byte[] discover = Frames.dhcpDiscover(GUEST, 0x4242);
            memory.writeBytes(0x2000, discover, 0, discover.length);
            memory.write32(0x1000, 0x2000);
            memory.write32(0x1004, discover.length);
            nic.out(org.denali.emulator.arch.Ports.NIC_SEND, 4, 0x1000, memory);
            assertEquals(VirtualNic.SEND_OK, memory.read32(0x1008));
            assertEquals(1, tx.drain(64));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            byte[] offer = null;
            while (offer == null && System.nanoTime() < deadline) {
                memory.write32(0x1000, 0x3000);
                memory.write32(0x1004, 2048);
                nic.out(org.denali.emulator.arch.Ports.NIC_RECEIVE, 4, 0x1000, memory);
                int length = memory.read32(0x1008);
                if (length == 0) {
                    Thread.sleep(5);
                    continue;
                }
                byte[] frame = new byte[length];
                memory.readBytes(0x3000, frame, 0, length);
                if (isUdp(frame, 67, 68) && bootp(frame).getInt(4) == 0x4242) {
                    offer = frame;
                }
            }
            assertNotNull(offer, "no DHCPOFFER reached the guest's receive queue");
            assertTrue(lines.contains(org.denali.emulator.arch.InterruptLines.NIC_RECEIVE));
            assertEquals(2, dhcpOption(bootp(offer), 53)[0]);
            assertNull(uplink.failure());
        }
    }

    @Test
    void startFailsClearlyWhenPasstCannotRun() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> PasstProcess.start(dir.resolve("no/such/dir/passt.sock"), List.of()));
        assertFalse(e.getMessage().isEmpty());
    }

    private static byte[] await(BlockingQueue<byte[]> queue, Predicate<byte[]> wanted, String what)
        throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            byte[] frame = queue.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("passt sent no " + what);
    }

    private static boolean isIpv4(byte[] f, int protocol) {
        return f.length >= 34 && Frames.etherType(f) == Frames.ETHERTYPE_IPV4 && (f[14] & 0xF0) == 0x40
            && (f[23] & 0xFF) == protocol;
    }

    private static boolean isUdp(byte[] f, int sourcePort, int destinationPort) {
        int ihl = (f[14] & 0x0F) * 4;
        return isIpv4(f, 17) && ByteBuffer.wrap(f).getShort(14 + ihl) == sourcePort
            && ByteBuffer.wrap(f).getShort(14 + ihl + 2) == destinationPort;
    }

    private static boolean isTcp(byte[] f) {
        return isIpv4(f, 6) && (f[14] & 0x0F) == 5;
    }

    private static int tcpDestinationPort(byte[] f) {
        return ByteBuffer.wrap(f).getShort(14 + 20 + 2) & 0xFFFF;
    }

    /** The BOOTP message inside a UDP/IPv4 frame. */
    private static ByteBuffer bootp(byte[] f) {
        int ihl = (f[14] & 0x0F) * 4;
        return ByteBuffer.wrap(f, 14 + ihl + 8, f.length - 14 - ihl - 8).slice();
    }

    private static byte[] dhcpOption(ByteBuffer bootp, int code) {
        int i = 240;
        while (i < bootp.limit()) {
            int c = bootp.get(i) & 0xFF;
            if (c == 255) {
                break;
            }
            if (c == 0) {
                i++;
                continue;
            }
            int length = bootp.get(i + 1) & 0xFF;
            if (c == code) {
                byte[] value = new byte[length];
                bootp.get(i + 2, value);
                return value;
            }
            i += 2 + length;
        }
        assertNotNull(null, "DHCP option " + code + " missing");
        return null;
    }
}
