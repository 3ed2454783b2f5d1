package org.denali.emulator.kernel.snapshot;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.denali.emulator.kernel.KernelCheckpoint;

/**
 * A {@link KernelCheckpoint} as a file (docs/debugging.md, "Snapshot file format"): a 16-byte header (magic
 * {@code DENALISN}, format version, CRC-32 of the header), the checkpoint's sections one after another, each
 * {@code tag, vm id, payload length, payload, CRC-32}, and an {@code END } section with the section count. A file
 * that is truncated, corrupted, of another version or not a snapshot at all is refused with a
 * {@link SnapshotFormatException} naming the offset and the section; nothing is restored from it.
 */
public final class SnapshotFile {
    /** The file's first 8 bytes. */
    public static final byte[] MAGIC = "DENALISN".getBytes(StandardCharsets.US_ASCII);
    /** The format this emulator writes and the only one it reads. */
    public static final int VERSION = 1;
    static final String END = "END ";
    private static final int HEADER_BYTES = 16;
    private static final int SECTION_HEADER_BYTES = 16;
    private static final Set<String> TAGS = Set.of(KernelCheckpoint.HEAD, KernelCheckpoint.KERNEL,
        KernelCheckpoint.VM, KernelCheckpoint.PAGES, KernelCheckpoint.DEVICES, END);

    private SnapshotFile() {
    }

    /** Writes {@code checkpoint} to {@code file} (through a temporary file beside it, so a crash leaves no half). */
    public static long write(KernelCheckpoint checkpoint, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".part");
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                write(checkpoint, os);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return Files.size(file);
    }

    static void write(KernelCheckpoint checkpoint, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        header.put(MAGIC).putShort((short) VERSION).putShort((short) 0);
        header.putInt(crc(header.array(), 0, 12));
        out.write(header.array());
        for (KernelCheckpoint.Section s : checkpoint.sections()) {
            writeSection(out, s.tag(), s.vmId(), s.payload());
        }
        ByteBuffer end = ByteBuffer.allocate(20).putInt(checkpoint.sections().size())
            .putLong(checkpoint.instructions()).putLong(checkpoint.clockNanos());
        writeSection(out, END, 0, end.array());
        out.flush();
    }

    private static void writeSection(DataOutputStream out, String tag, int vmId, byte[] payload) throws IOException {
        byte[] head = sectionHeader(tag, vmId, payload.length);
        CRC32 crc = new CRC32();
        crc.update(head);
        crc.update(payload);
        out.write(head);
        out.write(payload);
        out.writeInt((int) crc.getValue());
    }

    private static byte[] sectionHeader(String tag, int vmId, long length) {
        return ByteBuffer.allocate(SECTION_HEADER_BYTES).put(tag.getBytes(StandardCharsets.US_ASCII)).putInt(vmId)
            .putLong(length).array();
    }

    /** Reads and verifies {@code file}. @throws SnapshotFormatException if it is not a whole, intact snapshot */
    public static KernelCheckpoint read(Path file) throws IOException {
        long size = Files.size(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, size, file.toString());
        }
    }

    static KernelCheckpoint read(InputStream in, long size, String name) throws IOException {
        Cursor cursor = new Cursor(in, size, name);
        byte[] header = cursor.take(HEADER_BYTES, "the file header");
        if (!java.util.Arrays.equals(header, 0, 8, MAGIC, 0, 8)) {
            throw cursor.refuse(0, "is not a Denali snapshot (its first bytes are not \"DENALISN\")");
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        int version = h.getShort(8) & 0xFFFF;
        if (crc(header, 0, 12) != h.getInt(12)) {
            throw cursor.refuse(0, "has a corrupted header (CRC-32 mismatch at offset 12)");
        }
        if (version != VERSION) {
            throw cursor.refuse(8, "is snapshot format version " + version + "; this emulator reads version "
                + VERSION + " only");
        }
        List<KernelCheckpoint.Section> sections = new ArrayList<>();
        while (true) {
            long at = cursor.offset();
            byte[] head = cursor.take(SECTION_HEADER_BYTES, "a section header");
            String tag = new String(head, 0, 4, StandardCharsets.US_ASCII);
            ByteBuffer hb = ByteBuffer.wrap(head);
            int vmId = hb.getInt(4);
            long length = hb.getLong(8);
            String what = "section " + printable(tag) + (vmId == 0 ? "" : " of vm " + vmId);
            if (!TAGS.contains(tag)) {
                throw cursor.refuse(at, "has an unknown section " + printable(tag) + " at offset " + at
                    + " (corrupted, or written by a newer emulator)");
            }
            if (length < 0 || length > cursor.remaining()) {
                throw cursor.refuse(at, "is truncated in " + what + " at offset " + at + ": its payload needs "
                    + length + " bytes, the file has " + cursor.remaining() + " left");
            }
            byte[] payload = cursor.take((int) length, what);
            byte[] stored = cursor.take(4, "the CRC-32 of " + what);
            CRC32 crc = new CRC32();
            crc.update(head);
            crc.update(payload);
            int expected = ByteBuffer.wrap(stored).getInt();
            if ((int) crc.getValue() != expected) {
                throw cursor.refuse(at, String.format("has %s at offset %d corrupted (CRC-32 %08x, stored %08x)",
                    what, at, (int) crc.getValue(), expected));
            }
            if (tag.equals(END)) {
                ByteBuffer end = ByteBuffer.wrap(payload);
                if (payload.length != 20 || end.getInt(0) != sections.size()) {
                    throw cursor.refuse(at, "has an END section at offset " + at + " that does not match the "
                        + sections.size() + " sections before it");
                }
                if (cursor.remaining() != 0) {
                    throw cursor.refuse(cursor.offset(), "has " + cursor.remaining() + " bytes after its END "
                        + "section (offset " + cursor.offset() + ")");
                }
                return new KernelCheckpoint(sections, end.getLong(4), end.getLong(12));
            }
            sections.add(new KernelCheckpoint.Section(tag, vmId, payload));
        }
    }

    private static String printable(String tag) {
        return tag.chars().allMatch(c -> c >= 0x20 && c < 0x7F) ? "'" + tag + "'"
            : "0x" + java.util.HexFormat.of().formatHex(tag.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static int crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Reads the file front to back, knowing where it is and how much is left. */
    private static final class Cursor {
        private final InputStream in;
        private final long size;
        private final String name;
        private long offset;

        Cursor(InputStream in, long size, String name) {
            this.in = in;
            this.size = size;
            this.name = name;
        }

        long offset() {
            return offset;
        }

        long remaining() {
            return size - offset;
        }

        byte[] take(int n, String what) throws IOException {
            if (n > remaining()) {
                throw refuse(offset, "is truncated at offset " + offset + ": " + what + " needs " + n
                    + " bytes, the file has " + remaining() + " left");
            }
            byte[] bytes = in.readNBytes(n);
            if (bytes.length != n) {
                throw refuse(offset, "is truncated at offset " + (offset + bytes.length) + " (it shrank while read)");
            }
            offset += n;
            return bytes;
        }

        SnapshotFormatException refuse(long at, String problem) {
            return new SnapshotFormatException(name + " " + problem, at);
        }
    }
}
