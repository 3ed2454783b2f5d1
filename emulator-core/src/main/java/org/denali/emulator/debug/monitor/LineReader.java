package org.denali.emulator.debug.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads request lines of at most {@link #MAX_LINE} bytes from a client. A longer line is consumed to its end and
 * reported as {@link #TOO_LONG}, so a client sending garbage can neither grow the kernel's memory nor desynchronize
 * the one-reply-per-line rhythm.
 */
final class LineReader {
    static final int MAX_LINE = 1024;
    /** Returned instead of a line that exceeded {@link #MAX_LINE}. */
    static final String TOO_LONG = "\u0000too long";

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its terminator (CR LF or LF), {@link #TOO_LONG}, or null at end of stream. */
    String next() throws IOException {
        int length = 0;
        boolean overflow = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return length == 0 && !overflow ? null : finish(length, overflow);
            }
            if (b == '\n') {
                return finish(length, overflow);
            }
            if (length < MAX_LINE) {
                line[length++] = (byte) b;
            } else {
                overflow = true;
            }
        }
    }

    private String finish(int length, boolean overflow) {
        if (overflow) {
            return TOO_LONG;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
