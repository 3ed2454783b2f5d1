package org.denali.emulator.kernel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds and reads one checkpoint section's payload: big-endian fields over a byte array (docs/debugging.md). */
final class CheckpointPayload {
    private CheckpointPayload() {
    }

    /** What a section writer does; I/O on a byte array cannot fail, so writers may throw IOException freely. */
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** What a section reader does with the payload's fields. */
    interface Reader {
        void read(DataInputStream in) throws IOException;
    }

    static KernelCheckpoint.Section section(String tag, int vmId, Writer writer) {
        return section(tag, vmId, 256, writer);
    }

    /** @param expectedBytes the payload's likely size (a page section's), so its buffer is not regrown */
    static KernelCheckpoint.Section section(String tag, int vmId, int expectedBytes, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, expectedBytes));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KernelCheckpoint.Section(tag, vmId, bytes.toByteArray());
    }

    /** Reads {@code section} whole: a payload that ends early or has bytes left over is refused, naming it. */
    static void read(KernelCheckpoint.Section section, Reader reader) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(section.payload());
        try (DataInputStream in = new DataInputStream(bytes)) {
            reader.read(in);
        } catch (EOFException e) {
            throw new CheckpointException("section " + section.describe() + " ends early (" + section.payload().length
                + " bytes): it was written by a different format");
        } catch (IOException e) {
            throw new CheckpointException("section " + section.describe() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("section " + section.describe() + ": " + e.getMessage(), e);
        }
        if (bytes.available() != 0) {
            throw new CheckpointException("section " + section.describe() + " has " + bytes.available()
                + " bytes more than its fields: it was written by a different format");
        }
    }
}
