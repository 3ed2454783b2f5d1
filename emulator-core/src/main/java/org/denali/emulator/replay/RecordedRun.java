package org.denali.emulator.replay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A log read back and checked whole before anything runs: its header, the scheduling stream (quanta and inputs),
 * the clock reads and the capture timestamps. Every block's checksum is verified and every entry decoded first, so
 * a truncated or corrupt log is refused with the offset of the damage and never half-replayed.
 */
public final class RecordedRun {
    /** One entry of the scheduling stream; {@code offset} is where it starts in the file. */
    sealed interface Event permits Quantum, AtPoint, End, Waited {
        long offset();
    }

    record Quantum(long offset, int vm, long retired, long executed, int reason) implements Event {
    }

    /** A host input or the stop, at {@code points} scheduling points after the previous one (or the start). */
    sealed interface AtPoint extends Event permits Frame, Keys, Closed, Shutdown {
        long points();
    }

    record Frame(long offset, long points, int port, byte[] bytes) implements AtPoint {
    }

    record Keys(long offset, long points, int vm, byte[] bytes) implements AtPoint {
    }

    record Closed(long offset, long points) implements AtPoint {
    }

    record Shutdown(long offset, long points) implements AtPoint {
    }

    record Waited(long offset) implements Event {
    }

    record End(long offset, Map<Integer, Long> retired) implements Event {
    }

    private final RecordingHeader header;
    private final List<Event> events;
    private final long[] clockReads;
    private final long[] stamps;

    private RecordedRun(RecordingHeader header, List<Event> events, long[] clockReads, long[] stamps) {
        this.header = header;
        this.events = events;
        this.clockReads = clockReads;
        this.stamps = stamps;
    }

    public RecordingHeader header() {
        return header;
    }

    List<Event> events() {
        return events;
    }

    long[] clockReads() {
        return clockReads;
    }

    long[] stamps() {
        return stamps;
    }

    /** How many quanta the recording holds. */
    public long quanta() {
        return events.stream().filter(e -> e instanceof Quantum).count();
    }

    /** Each VM's instruction count at the end of the recorded run. */
    public Map<Integer, Long> finalRetired() {
        return ((End) events.get(events.size() - 1)).retired();
    }

    /** Reads and checks {@code file}; a {@link JournalException} names what is wrong and where. */
    public static RecordedRun read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new JournalException(file + ": no such file");
        }
        return parse(file.toString(), bytes);
    }

    static RecordedRun parse(String name, byte[] bytes) {
        return new Parser(name, bytes).run();
    }

    private static final class Parser {
        private final String name;
        private final byte[] bytes;
        private int position;
        private int limit;
        private final List<Event> events = new ArrayList<>();
        private long[] clocks = new long[1024];
        private int clockCount;
        private long lastClock;
        private long[] stamps = new long[256];
        private int stampCount;
        private long lastStamp;

        Parser(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        RecordedRun run() {
            int magic = JournalFormat.MAGIC.length;
            if (bytes.length < magic || !Arrays.equals(bytes, 0, magic, JournalFormat.MAGIC, 0, magic)) {
                throw refuse(0, "not a Denali recording (it does not start with the recording's magic bytes)");
            }
            if (bytes.length < magic + 12) {
                throw refuse(magic, "truncated: the header is cut short");
            }
            int version = ByteBuffer.wrap(bytes, magic, 4).getInt();
            if (version != JournalFormat.VERSION) {
                throw refuse(magic, "recorded in log format version " + version + "; this denali reads version "
                    + JournalFormat.VERSION);
            }
            int headerStart = framed(magic + 4, "header");
            RecordingHeader header = header(headerStart);
            int at = limit;
            while (at < bytes.length) {
                if (bytes.length - at < 4 + 8) {
                    throw refuse(at, "truncated: a block header is cut short");
                }
                if (!Arrays.equals(bytes, at, at + 4, JournalFormat.BLOCK_MAGIC, 0, 4)) {
                    throw refuse(at, "corrupt: no block starts here");
                }
                int start = framed(at + 4, "block");
                entries(start);
                at = limit;
            }
            if (events.isEmpty() || !(events.get(events.size() - 1) instanceof End)) {
                throw refuse(bytes.length, "truncated: the log ends without its end record (the recorded run did not "
                    + "finish, or the file was cut short)");
            }
            return new RecordedRun(header, List.copyOf(events), Arrays.copyOf(clocks, clockCount),
                Arrays.copyOf(stamps, stampCount));
        }

        /** Checks length and CRC of the framed payload at {@code at}; returns where the payload starts. */
        private int framed(int at, String what) {
            int length = ByteBuffer.wrap(bytes, at, 4).getInt();
            int crc = ByteBuffer.wrap(bytes, at + 4, 4).getInt();
            int start = at + 8;
            if (length < 0 || length > bytes.length - start) {
                throw refuse(at - 4, "truncated: the " + what + " announces " + Integer.toUnsignedString(length)
                    + " bytes, only " + (bytes.length - start) + " remain");
            }
            CRC32C check = new CRC32C();
            check.update(bytes, start, length);
            if ((int) check.getValue() != crc) {
                throw refuse(at - 4, "corrupt: the " + what + "'s checksum does not match its contents");
            }
            position = start;
            limit = start + length;
            return start;
        }

        private RecordingHeader header(int start) {
            String clockMode = string(start);
            int count = (int) varint(start);
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                args.add(string(start));
            }
            String directory = string(start);
            int inputs = (int) varint(start);
            List<RecordingHeader.Input> list = new ArrayList<>();
            for (int i = 0; i < inputs; i++) {
                String input = string(start);
                list.add(new RecordingHeader.Input(input, take(32, start)));
            }
            return new RecordingHeader(clockMode, args, directory, list);
        }

        private void entries(int blockStart) {
            while (position < limit) {
                int offset = position;
                int tag = bytes[position++];
                switch (tag) {
                    case JournalFormat.QUANTUM -> events.add(new Quantum(offset, (int) varint(offset),
                        varint(offset), varint(offset), (int) varint(offset)));
                    case JournalFormat.FRAME -> {
                        long points = varint(offset);
                        int port = (int) varint(offset);
                        events.add(new Frame(offset, points, port, take((int) varint(offset), offset)));
                    }
                    case JournalFormat.KEYS -> {
                        long points = varint(offset);
                        int vm = (int) varint(offset);
                        events.add(new Keys(offset, points, vm, take((int) varint(offset), offset)));
                    }
                    case JournalFormat.CLOSED -> events.add(new Closed(offset, varint(offset)));
                    case JournalFormat.SHUTDOWN -> events.add(new Shutdown(offset, varint(offset)));
                    case JournalFormat.WAITED -> events.add(new Waited(offset));
                    case JournalFormat.CLOCK -> {
                        lastClock += JournalFormat.unzigzag(varint(offset));
                        if (clockCount == clocks.length) {
                            clocks = Arrays.copyOf(clocks, clockCount * 2);
                        }
                        clocks[clockCount++] = lastClock;
                    }
                    case JournalFormat.STAMP -> {
                        lastStamp += JournalFormat.unzigzag(varint(offset));
                        if (stampCount == stamps.length) {
                            stamps = Arrays.copyOf(stamps, stampCount * 2);
                        }
                        stamps[stampCount++] = lastStamp;
                    }
                    case JournalFormat.END -> {
                        int count = (int) varint(offset);
                        Map<Integer, Long> retired = new LinkedHashMap<>();
                        for (int i = 0; i < count; i++) {
                            retired.put((int) varint(offset), varint(offset));
                        }
                        events.add(new End(offset, retired));
                        if (position != limit || limit != bytes.length) {
                            throw refuse(position, "corrupt: data follows the end record");
                        }
                    }
                    default -> throw refuse(offset, "corrupt: unknown entry type " + tag);
                }
            }
        }

        private long varint(int entry) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (position >= limit) {
                    throw refuse(entry, "corrupt: an entry runs past the end of its block");
                }
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw refuse(entry, "corrupt: a number in this entry is too long");
        }

        private byte[] take(int count, int entry) {
            if (count < 0 || count > limit - position) {
                throw refuse(entry, "corrupt: an entry runs past the end of its block");
            }
            byte[] out = Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return out;
        }

        private String string(int entry) {
            int count = (int) varint(entry);
            return new String(take(count, entry), StandardCharsets.UTF_8);
        }

        private JournalException refuse(long offset, String why) {
            return new JournalException(name + ": offset " + offset + ": " + why + "; nothing was replayed");
        }
    }
}
