package org.denali.emulator.elf;

/**
 * Bounds-checked little-endian reads from the image file. Every ELF field is unsigned, so 32-bit fields come back
 * as non-negative longs: that keeps range arithmetic such as {@code offset + size} free of overflow.
 */
final class FileBytes {
    private final byte[] data;

    FileBytes(byte[] data) {
        this.data = data;
    }

    int length() {
        return data.length;
    }

    boolean contains(long offset, long size) {
        return offset >= 0 && size >= 0 && offset + size <= data.length;
    }

    int u8(long offset) {
        return data[(int) offset] & 0xFF;
    }

    int u16(long offset) {
        return u8(offset) | u8(offset + 1) << 8;
    }

    long u32(long offset) {
        return (u16(offset) | (long) u16(offset + 2) << 16) & 0xFFFF_FFFFL;
    }

    byte[] copy(long offset, long size) {
        byte[] out = new byte[(int) size];
        System.arraycopy(data, (int) offset, out, 0, (int) size);
        return out;
    }

    /**
     * The NUL-terminated string at {@code tableOffset + index} inside a string table of {@code tableSize} bytes.
     * {@code what} names the table for the error message.
     */
    String string(long tableOffset, long tableSize, long index, String what) throws ElfFormatException {
        if (index >= tableSize) {
            throw new ElfFormatException(what + ": name offset " + index + " is outside its string table ("
                    + tableSize + " bytes)");
        }
        long end = tableOffset + index;
        long limit = tableOffset + tableSize;
        while (end < limit && data[(int) end] != 0) {
            end++;
        }
        if (end == limit) {
            throw new ElfFormatException(what + ": name at offset " + index + " is not NUL-terminated inside its string table");
        }
        return new String(data, (int) (tableOffset + index), (int) (end - tableOffset - index),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
