package org.denali.ide.core.rsp;

/** Hex text as the remote protocol uses it: bytes as two lower-case digits, values in target (little-endian) order. */
final class Hex {
    private Hex() {
    }

    static int littleEndianInt(String hex, int offset) {
        int value = 0;
        for (int b = 3; b >= 0; b--) {
            value = value << 8 | Integer.parseInt(hex.substring(offset + b * 2, offset + b * 2 + 2), 16);
        }
        return value;
    }

    static byte[] bytes(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16);
        }
        return bytes;
    }
}
