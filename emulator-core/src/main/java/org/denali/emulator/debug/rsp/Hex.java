package org.denali.emulator.debug.rsp;

import java.nio.charset.StandardCharsets;

/** Hex encoding as the remote protocol uses it; parsing returns -1 / null instead of throwing on bad input. */
final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String of(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(DIGITS[b >> 4 & 0xF]).append(DIGITS[b & 0xF]);
        }
        return sb.toString();
    }

    static String of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Little-endian hex of the low {@code size} bytes of {@code value} (the register format). */
    static String littleEndian(long value, int size) {
        StringBuilder sb = new StringBuilder(size * 2);
        for (int i = 0; i < size; i++) {
            int b = (int) (value >>> (8 * i)) & 0xFF;
            sb.append(DIGITS[b >> 4]).append(DIGITS[b & 0xF]);
        }
        return sb.toString();
    }

    /** Parses little-endian hex of {@code size} bytes at {@code from}; null if malformed. */
    static Long parseLittleEndian(String s, int from, int size) {
        if (from < 0 || from + size * 2 > s.length()) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            int hi = digit(s.charAt(from + 2 * i));
            int lo = digit(s.charAt(from + 2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            value |= (long) (hi << 4 | lo) << (8 * i);
        }
        return value;
    }

    /** Decodes an even-length hex string; null if malformed. */
    static byte[] bytes(String s) {
        if (s.length() % 2 != 0) {
            return null;
        }
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(s.charAt(2 * i));
            int lo = digit(s.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /** A big-endian hex number as gdb writes addresses and lengths (at most 16 digits); -1 if malformed. */
    static long number(String s) {
        if (s.isEmpty() || s.length() > 16) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < s.length(); i++) {
            int d = digit(s.charAt(i));
            if (d < 0) {
                return -1;
            }
            value = value << 4 | d;
        }
        return value < 0 ? -1 : value;
    }

    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
