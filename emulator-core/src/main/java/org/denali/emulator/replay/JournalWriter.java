package org.denali.emulator.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes a log in {@link JournalFormat}: entries are collected in memory and written as checksummed blocks of about
 * 64 KiB, so a recording costs one buffered write per block. Not thread-safe: its owner (the recording) serialises.
 */
final class JournalWriter implements Closeable {
    private final OutputStream out;
    private byte[] buffer = new byte[JournalFormat.BLOCK_BYTES + 4096];
    private int length;
    private long written;

    JournalWriter(OutputStream out, RecordingHeader header) throws IOException {
        this.out = out;
        putString(header.clockMode());
        putVarint(header.args().size());
        header.args().forEach(this::putString);
        putString(header.workingDirectory());
        putVarint(header.inputs().size());
        for (RecordingHeader.Input input : header.inputs()) {
            putString(input.name());
            putBytes(input.sha256(), 0, input.sha256().length);
        }
        out.write(JournalFormat.MAGIC);
        writeFramed(JournalFormat.VERSION);
    }

    /** Bytes written to the file so far (blocks still in memory not counted). */
    long written() {
        return written;
    }

    void putTag(int tag) {
        ensure(1);
        buffer[length++] = (byte) tag;
    }

    void putVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[length++] = (byte) value;
    }

    void putBytes(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
    }

    void putString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        putVarint(bytes.length);
        putBytes(bytes, 0, bytes.length);
    }

    /** Ends an entry: a full block goes to the file. */
    void entryDone() {
        if (length >= JournalFormat.BLOCK_BYTES) {
            flushBlock();
        }
    }

    void flushBlock() {
        if (length == 0) {
            return;
        }
        try {
            out.write(JournalFormat.BLOCK_MAGIC);
            writeFramed(-1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the recording: " + e.getMessage(), e);
        }
    }

    /** [version] length crc payload, from the buffer, which is then empty. */
    private void writeFramed(int version) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(buffer, 0, length);
        ByteBuffer head = ByteBuffer.allocate(12);
        if (version >= 0) {
            head.putInt(version);
        }
        head.putInt(length).putInt((int) crc.getValue());
        out.write(head.array(), 0, head.position());
        out.write(buffer, 0, length);
        written += head.position() + length + 4;
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    @Override
    public void close() throws IOException {
        flushBlock();
        out.close();
    }
}
