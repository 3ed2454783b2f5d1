package org.denali.emulator.net;

import java.nio.ByteBuffer;

/** Builds well-formed test frames (checksums correct, so tshark finds nothing malformed). */
final class Frames {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;

    private Frames() {
    }

    static byte[] ethernet(MacAddress destination, MacAddress source, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        b.put(destination.toBytes()).put(source.toBytes()).putShort((short) etherType).put(payload);
        return b.array();
    }

    /** A frame whose payload is {@code length} bytes tagged with {@code tag} (an experimental EtherType). */
    static byte[] tagged(MacAddress destination, MacAddress source, int tag, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (tag + i);
        }
        return ethernet(destination, source, 0x88B5, payload);
    }

    /** ARP who-has {@code targetIp} from {@code senderIp}. */
    static byte[] arpRequest(MacAddress sender, int senderIp, int targetIp) {
        ByteBuffer arp = ByteBuffer.allocate(28);
        arp.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) 1)
            .put(sender.toBytes()).putInt(senderIp).put(new byte[6]).putInt(targetIp);
        return ethernet(MacAddress.BROADCAST, sender, ETHERTYPE_ARP, arp.array());
    }

    static byte[] ipv4(int protocol, int source, int destination, byte[] payload) {
        ByteBuffer ip = ByteBuffer.allocate(20 + payload.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) 1)
            .putShort((short) 0x4000).put((byte) 64).put((byte) protocol).putShort((short) 0).putInt(source)
            .putInt(destination).put(payload);
        byte[] bytes = ip.array();
        int sum = checksum(bytes, 0, 20);
        bytes[10] = (byte) (sum >>> 8);
        bytes[11] = (byte) sum;
        return bytes;
    }

    /** UDP with checksum 0 ("not computed", legal over IPv4). */
    static byte[] udp(int sourcePort, int destinationPort, byte[] payload) {
        ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
        u.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + payload.length))
            .putShort((short) 0).put(payload);
        return u.array();
    }

    static byte[] icmpEcho(int id, int sequence, byte[] data) {
        ByteBuffer i = ByteBuffer.allocate(8 + data.length);
        i.put((byte) 8).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) sequence).put(data);
        byte[] bytes = i.array();
        int sum = checksum(bytes, 0, bytes.length);
        bytes[2] = (byte) (sum >>> 8);
        bytes[3] = (byte) sum;
        return bytes;
    }

    /** A DHCPDISCOVER broadcast from {@code client} with transaction id {@code xid}. */
    static byte[] dhcpDiscover(MacAddress client, int xid) {
        ByteBuffer bootp = ByteBuffer.allocate(244 + 4);
        bootp.put((byte) 1).put((byte) 1).put((byte) 6).put((byte) 0).putInt(xid).putShort((short) 0)
            .putShort((short) 0x8000).putInt(0).putInt(0).putInt(0).putInt(0).put(client.toBytes())
            .put(new byte[10]).put(new byte[64]).put(new byte[128]).putInt(0x63825363)
            .put(new byte[] {53, 1, 1, (byte) 255});
        byte[] ip = ipv4(17, 0, 0xFFFF_FFFF, udp(68, 67, bootp.array()));
        return ethernet(MacAddress.BROADCAST, client, ETHERTYPE_IPV4, ip);
    }

    static int checksum(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = bytes[offset + i] & 0xFF;
            int lo = i + 1 < length ? bytes[offset + i + 1] & 0xFF : 0;
            sum += hi << 8 | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) ~sum & 0xFFFF;
    }

    static int etherType(byte[] frame) {
        return (frame[12] & 0xFF) << 8 | frame[13] & 0xFF;
    }
}
