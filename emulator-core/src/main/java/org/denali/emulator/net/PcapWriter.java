package org.denali.emulator.net;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes frames in the classic libpcap format (magic 0xa1b2c3d4 little-endian, version 2.4, microsecond
 * timestamps, LINKTYPE_ETHERNET), readable by tshark/wireshark/tcpdump. Attach it to the switch as a
 * {@link FrameTap} to capture every frame on the virtual LAN. Thread-safe; each record is flushed so a capture
 * is readable while the kernel runs.
 */
public final class PcapWriter implements FrameTap, Closeable {
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 65535;

    private final OutputStream out;

    private PcapWriter(OutputStream out) throws IOException {
        this.out = out;
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
            .putInt(LINKTYPE_ETHERNET);
        out.write(header.array());
        out.flush();
    }

    public static PcapWriter create(Path file) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)));
    }

    public static PcapWriter to(OutputStream out) throws IOException {
        return new PcapWriter(out);
    }

    @Override
    public synchronized void frame(long epochNanos, byte[] frame) {
        int captured = Math.min(frame.length, SNAPLEN);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (epochNanos / 1_000_000_000L)).putInt((int) (epochNanos % 1_000_000_000L / 1000))
            .putInt(captured).putInt(frame.length);
        try {
            out.write(record.array());
            out.write(frame, 0, captured);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
