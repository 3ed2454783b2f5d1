package org.denali.emulator.net;

import java.util.HexFormat;

/** A 48-bit Ethernet address, held in the low 48 bits of a long, first wire byte most significant. */
public record MacAddress(long bits) {
    public static final MacAddress BROADCAST = new MacAddress(0xFFFF_FFFF_FFFFL);

    public MacAddress {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("not a 48-bit address");
        }
    }

    /** The six bytes at {@code offset} of {@code bytes}, in wire order. */
    public static MacAddress of(byte[] bytes, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (bytes[offset + i] & 0xFF);
        }
        return new MacAddress(v);
    }

    /** Parses {@code 52:54:00:12:34:56}. */
    public static MacAddress parse(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("bad MAC address: " + text);
        }
        long v = 0;
        for (String part : parts) {
            if (part.length() != 2) {
                throw new IllegalArgumentException("bad MAC address: " + text);
            }
            v = v << 8 | HexFormat.fromHexDigits(part);
        }
        return new MacAddress(v);
    }

    /** A locally administered unicast address for VM {@code vmId}: 52:54:00 followed by the id. */
    public static MacAddress forVm(int vmId) {
        return new MacAddress(0x5254_0000_0000L | (vmId & 0xFFFF_FFFFL));
    }

    /** Group bit set: broadcast or multicast, delivered to every port. */
    public boolean isGroup() {
        return (bits >>> 40 & 1) != 0;
    }

    public byte[] toBytes() {
        byte[] b = new byte[6];
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (bits >>> (40 - 8 * i));
        }
        return b;
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(toBytes());
    }
}
