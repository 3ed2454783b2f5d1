package org.denali.emulator.cpu.decode;

/**
 * Where the decoder reads instruction bytes from: guest memory, a file section, a byte array.
 * Decoding never reads more than {@link Decoder#MAX_LENGTH} bytes from the start address.
 */
@FunctionalInterface
public interface ByteSource {
    /** The byte at {@code address} as 0..255, or -1 if that address cannot be read (unmapped, outside the image). */
    int read(int address);

    /** A source over {@code bytes}, where {@code bytes[0]} sits at guest address {@code base}. */
    static ByteSource of(byte[] bytes, int base) {
        return address -> {
            long offset = (address - base) & 0xFFFF_FFFFL;
            return offset < bytes.length ? bytes[(int) offset] & 0xFF : -1;
        };
    }
}
