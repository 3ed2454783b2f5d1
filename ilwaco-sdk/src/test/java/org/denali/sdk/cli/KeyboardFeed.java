package org.denali.sdk.cli;

import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stdin for {@code denali run} that a test types into while the guest runs: reads block until a key is typed,
 * and {@link #close()} is end of input. (A PipedInputStream would fail once the writing thread ends.)
 */
final class KeyboardFeed extends InputStream {
    private static final int END = -1;
    private final BlockingQueue<Integer> keys = new LinkedBlockingQueue<>();

    void type(String text) {
        for (char c : text.toCharArray()) {
            keys.add((int) c & 0xFF);
        }
    }

    @Override
    public int read() {
        try {
            return keys.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    /** At least one byte (blocking for it), then whatever else is already typed. */
    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int first = read();
        if (first == END) {
            keys.add(END); // every later read sees the end too
            return -1;
        }
        buffer[offset] = (byte) first;
        int n = 1;
        Integer next;
        while (n < length && (next = keys.peek()) != null && next != END) {
            buffer[offset + n++] = (byte) (int) keys.poll();
        }
        return n;
    }

    @Override
    public void close() {
        keys.add(END);
    }
}
