package org.denali.emulator.debug.rsp;

/**
 * GDB remote-protocol framing: {@code $payload#cs}, where cs is the modulo-256 sum of the bytes between '$' and
 * '#' as sent, and '$', '#', '}' and '*' in the payload are escaped as '}' followed by the byte XOR 0x20.
 * Payloads are byte strings carried in ISO-8859-1 {@code String}s (one char per byte). Shared by the kernel's
 * stub ({@link PacketChannel}) and the IDE's client, so both ends frame packets by the same code.
 */
public final class RspFrames {
    private RspFrames() {
    }

    /** The framed packet for {@code payload}. */
    public static String frame(String payload) {
        StringBuilder body = new StringBuilder(payload.length() + 8);
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c == '$' || c == '#' || c == '}' || c == '*') {
                body.append('}').append((char) (c ^ 0x20));
            } else {
                body.append(c);
            }
        }
        return "$" + body + "#" + String.format("%02x", checksum(body));
    }

    /** The checksum of the bytes as they travel (escaped). */
    public static int checksum(CharSequence wire) {
        int sum = 0;
        for (int i = 0; i < wire.length(); i++) {
            sum += wire.charAt(i) & 0xFF;
        }
        return sum & 0xFF;
    }

    /** The payload of the bytes between '$' and '#' as received: escapes undone. */
    public static String unescape(CharSequence wire) {
        StringBuilder payload = new StringBuilder(wire.length());
        boolean escaped = false;
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (escaped) {
                payload.append((char) (c ^ 0x20));
                escaped = false;
            } else if (c == '}') {
                escaped = true;
            } else {
                payload.append(c);
            }
        }
        return payload.toString();
    }
}
