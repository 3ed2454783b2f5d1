package org.denali.emulator.net;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * QEMU's "stream" netdev framing, which passt speaks on its UNIX socket: each Ethernet frame is preceded by its
 * length as a 4-byte big-endian integer.
 */
public final class StreamFraming {
    /** Largest frame accepted from the peer (passt's maximum is 65535 + headers); guards against garbage lengths. */
    public static final int MAX_FRAME = 65_536 + 14;

    private StreamFraming() {
    }

    public static void write(WritableByteChannel channel, byte[] frame) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 + frame.length);
        buffer.putInt(frame.length).put(frame).flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** The next frame, or null at a clean end of stream (between frames). */
    public static byte[] read(ReadableByteChannel channel) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(4);
        if (!fill(channel, length, true)) {
            return null;
        }
        int n = length.flip().getInt();
        if (n < 0 || n > MAX_FRAME) {
            throw new IOException("bad frame length " + n + " on stream socket");
        }
        ByteBuffer frame = ByteBuffer.allocate(n);
        fill(channel, frame, false);
        return frame.array();
    }

    private static boolean fill(ReadableByteChannel channel, ByteBuffer buffer, boolean endAllowed) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("stream socket closed inside a frame");
            }
        }
        return true;
    }
}
