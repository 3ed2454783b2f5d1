package org.denali.lang.deploy.kernel;

/** MAC and IPv4 text as the deployment writes them, and back. */
public final class Addresses {
    private Addresses() {
    }

    /** "52:54:00:12:34:56" as the 48-bit value VmConfig takes (first wire byte in bits 40-47). */
    public static long mac(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("a MAC address has six bytes: " + text);
        }
        long value = 0;
        for (String part : parts) {
            int b = Integer.parseInt(part, 16);
            if (part.length() > 2 || b > 0xff) {
                throw new IllegalArgumentException("not a MAC byte: " + part);
            }
            value = value << 8 | b;
        }
        return value;
    }

    public static String mac(long value) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            sb.append(String.format("%02x", (value >>> shift) & 0xff)).append(shift > 0 ? ":" : "");
        }
        return sb.toString();
    }

    /** "10.0.0.2" as a host int (0x0A000002). */
    public static int ipv4(String text) {
        String[] parts = text.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has four parts: " + text);
        }
        int value = 0;
        for (String part : parts) {
            int b = Integer.parseInt(part);
            if (b > 255) {
                throw new IllegalArgumentException("an IPv4 address part is 0..255: " + part);
            }
            value = value << 8 | b;
        }
        return value;
    }

    public static String ipv4(int value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xff) + "." + (value >>> 8 & 0xff) + "." + (value & 0xff);
    }

    public static int netmask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }
}
