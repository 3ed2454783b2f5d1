package org.denali.emulator.dwarf;

import java.nio.charset.StandardCharsets;

/**
 * A little-endian cursor over one DWARF section. Every read is bounds-checked against a limit (the end of the
 * current unit), so a corrupt length can never make the reader run into the next unit or off the section.
 */
final class DwarfInput {
    private final byte[] data;
    private final String sectionName;
    private int position;
    private int limit;

    DwarfInput(byte[] data, String sectionName) {
        this.data = data;
        this.sectionName = sectionName;
        this.limit = data.length;
    }

    int position() {
        return position;
    }

    void seek(long newPosition) throws DwarfFormatException {
        if (newPosition < 0 || newPosition > limit) {
            throw error("offset " + newPosition + " is outside the section or unit");
        }
        position = (int) newPosition;
    }

    int limit() {
        return limit;
    }

    void limit(long newLimit) throws DwarfFormatException {
        if (newLimit < position || newLimit > data.length) {
            throw error("unit length runs past the end of the section (" + data.length + " bytes)");
        }
        limit = (int) newLimit;
    }

    boolean hasMore() {
        return position < limit;
    }

    int u8() throws DwarfFormatException {
        need(1);
        return data[position++] & 0xFF;
    }

    int s8() throws DwarfFormatException {
        need(1);
        return data[position++];
    }

    int u16() throws DwarfFormatException {
        return u8() | u8() << 8;
    }

    long u32() throws DwarfFormatException {
        return (u16() | (long) u16() << 16) & 0xFFFF_FFFFL;
    }

    long u64() throws DwarfFormatException {
        return u32() | u32() << 32;
    }

    /** An unsigned value of {@code size} bytes (1, 2, 4 or 8). */
    long unsigned(int size) throws DwarfFormatException {
        return switch (size) {
            case 1 -> u8();
            case 2 -> u16();
            case 4 -> u32();
            case 8 -> u64();
            default -> throw error("unsupported field size " + size);
        };
    }

    long uleb() throws DwarfFormatException {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        return result;
    }

    long sleb() throws DwarfFormatException {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7F) << shift;
            }
            shift += 7;
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    /** A NUL-terminated string at the cursor. */
    String cstring() throws DwarfFormatException {
        int start = position;
        while (position < limit && data[position] != 0) {
            position++;
        }
        if (position == limit) {
            throw error("unterminated string at offset " + start);
        }
        return new String(data, start, position++ - start, StandardCharsets.UTF_8);
    }

    void skip(long count) throws DwarfFormatException {
        if (count < 0 || count > limit - position) {
            throw error("cannot skip " + count + " bytes at offset " + position);
        }
        position += (int) count;
    }

    /** The NUL-terminated string at {@code offset} in a string section (.debug_line_str, .debug_str). */
    static String stringAt(byte[] strings, long offset, String sectionName) throws DwarfFormatException {
        if (strings == null) {
            throw new DwarfFormatException("the file names refer to " + sectionName + ", which the image lacks");
        }
        if (offset < 0 || offset >= strings.length) {
            throw new DwarfFormatException(sectionName + ": string offset " + offset + " is outside the section ("
                    + strings.length + " bytes)");
        }
        int end = (int) offset;
        while (end < strings.length && strings[end] != 0) {
            end++;
        }
        if (end == strings.length) {
            throw new DwarfFormatException(sectionName + ": string at offset " + offset + " is not NUL-terminated");
        }
        return new String(strings, (int) offset, end - (int) offset, StandardCharsets.UTF_8);
    }

    private void need(int count) throws DwarfFormatException {
        if (limit - position < count) {
            throw error("unexpected end of data at offset " + position);
        }
    }

    DwarfFormatException error(String message) {
        return new DwarfFormatException(sectionName + ": " + message);
    }
}
