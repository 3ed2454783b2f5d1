package org.denali.sdk.cli;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.denali.emulator.net.EthernetSwitch;
import org.denali.emulator.net.SwitchPort;

/**
 * A DHCP server for tests, plugged into a virtual LAN's switch: it answers DISCOVER and REQUEST the way its
 * {@link Behaviour} says, so the guest's DHCP client meets good, hostile and absent servers. Replies are sent from
 * its own thread (a switch port must not block the sender).
 */
final class FakeDhcpServer implements SwitchPort, AutoCloseable {
    static final byte[] SERVER_IP = {(byte) 192, (byte) 168, 77, 1};
    static final byte[] OFFERED_IP = {(byte) 192, (byte) 168, 77, 9};
    private static final byte[] SERVER_MAC = {0x52, 0x54, 0x00, 0x0d, 0x0c, 0x01};
    private static final int BOOTP = 14 + 20 + 8;

    enum Behaviour {
        /** OFFER and ACK, unicast to the offered address and the client's MAC (as passt does). */
        GOOD_UNICAST,
        /** OFFER, then DHCPNAK to every REQUEST. */
        NAK,
        /** Replies that must be ignored: wrong transaction id, an option running past the end, no yiaddr. */
        MALFORMED,
    }

    private final Behaviour behaviour;
    private final EthernetSwitch lan;
    private final int port;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-dhcp");
        t.setDaemon(true);
        return t;
    });
    final AtomicInteger discovers = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();

    FakeDhcpServer(EthernetSwitch lan, Behaviour behaviour) {
        this.lan = lan;
        this.behaviour = behaviour;
        this.port = lan.attach(this, null);
    }

    @Override
    public void deliver(byte[] frame) {
        if (frame.length < BOOTP + 240 || (frame[12] & 0xFF) != 0x08 || frame[13] != 0 || frame[23] != 17
                || u16(frame, 36) != 67 || frame[BOOTP] != 1) {
            return;
        }
        int type = messageType(frame);
        if (type == 1) {
            discovers.incrementAndGet();
        } else if (type == 3) {
            requests.incrementAndGet();
        } else {
            return;
        }
        byte[] copy = frame.clone();
        sender.execute(() -> answer(copy, type));
    }

    private void answer(byte[] request, int type) {
        switch (behaviour) {
            case GOOD_UNICAST -> send(reply(request, type == 1 ? 2 : 5, OFFERED_IP, false, true));
            case NAK -> send(type == 1 ? reply(request, 2, OFFERED_IP, false, true)
                : reply(request, 6, new byte[4], true, true));
            case MALFORMED -> {
                byte[] wrongXid = reply(request, 2, OFFERED_IP, true, true);
                wrongXid[BOOTP + 4] ^= 0x55;
                fixChecksums(wrongXid);
                send(wrongXid);
                send(reply(request, 2, new byte[4], true, true)); // yiaddr 0.0.0.0
                byte[] overrun = reply(request, 2, OFFERED_IP, true, true);
                overrun[BOOTP + 240 + 1] = (byte) 200; // the message-type option claims 200 bytes
                fixChecksums(overrun);
                send(overrun);
            }
        }
    }

    private void send(byte[] frame) {
        lan.forward(port, frame);
    }

    /** A BOOTREPLY of DHCP message {@code type} to {@code request}, yiaddr {@code offered}. */
    private static byte[] reply(byte[] request, int type, byte[] offered, boolean broadcast, boolean withOptions) {
        ByteBuffer options = ByteBuffer.allocate(64);
        options.put(new byte[] {53, 1, (byte) type, 54, 4}).put(SERVER_IP);
        if (withOptions && type != 6) {
            options.put(new byte[] {1, 4, (byte) 255, (byte) 255, (byte) 255, 0, 3, 4}).put(SERVER_IP);
            options.put(new byte[] {51, 4, 0, 0, 0x0e, 0x10}); // 3600 s
        }
        options.put((byte) 255);
        int bootpLength = 240 + options.position();
        byte[] frame = new byte[BOOTP + Math.max(bootpLength, 300)];
        byte[] clientMac = java.util.Arrays.copyOfRange(request, 6, 12);
        System.arraycopy(broadcast ? new byte[] {-1, -1, -1, -1, -1, -1} : clientMac, 0, frame, 0, 6);
        System.arraycopy(SERVER_MAC, 0, frame, 6, 6);
        frame[12] = 0x08;
        int ipLength = frame.length - 14;
        frame[14] = 0x45;
        put16(frame, 16, ipLength);
        frame[22] = 64;
        frame[23] = 17;
        System.arraycopy(SERVER_IP, 0, frame, 26, 4);
        System.arraycopy(broadcast ? new byte[] {-1, -1, -1, -1} : offered, 0, frame, 30, 4);
        put16(frame, 34, 67);
        put16(frame, 36, 68);
        put16(frame, 38, ipLength - 20);
        frame[BOOTP] = 2;
        frame[BOOTP + 1] = 1;
        frame[BOOTP + 2] = 6;
        System.arraycopy(request, BOOTP + 4, frame, BOOTP + 4, 4); // xid
        System.arraycopy(offered, 0, frame, BOOTP + 16, 4);
        System.arraycopy(clientMac, 0, frame, BOOTP + 28, 6);
        frame[BOOTP + 236] = 99;
        frame[BOOTP + 237] = (byte) 130;
        frame[BOOTP + 238] = 83;
        frame[BOOTP + 239] = 99;
        System.arraycopy(options.array(), 0, frame, BOOTP + 240, options.position());
        fixChecksums(frame);
        return frame;
    }

    private static int messageType(byte[] frame) {
        for (int o = BOOTP + 240; o + 2 < frame.length && (frame[o] & 0xFF) != 255; ) {
            if (frame[o] == 0) {
                o++;
                continue;
            }
            if (frame[o] == 53) {
                return frame[o + 2];
            }
            o += 2 + (frame[o + 1] & 0xFF);
        }
        return 0;
    }

    /** IPv4 header checksum and the UDP checksum with its pseudo header. */
    private static void fixChecksums(byte[] frame) {
        put16(frame, 24, 0);
        put16(frame, 24, checksum(frame, 14, 20, 0));
        int udpLength = frame.length - 34;
        put16(frame, 40, 0);
        long pseudo = u16(frame, 26) + u16(frame, 28) + u16(frame, 30) + u16(frame, 32) + 17 + udpLength;
        int sum = checksum(frame, 34, udpLength, pseudo);
        put16(frame, 40, sum == 0 ? 0xFFFF : sum);
    }

    private static int checksum(byte[] data, int offset, int length, long initial) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            sum += ((data[offset + i] & 0xFF) << 8) | (i + 1 < length ? data[offset + i + 1] & 0xFF : 0);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static int u16(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 8 | (b[offset + 1] & 0xFF);
    }

    private static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >> 8);
        b[offset + 1] = (byte) value;
    }

    @Override
    public void close() throws InterruptedException {
        lan.detach(port);
        sender.shutdownNow();
        sender.awaitTermination(5, TimeUnit.SECONDS);
    }
}
