package org.denali.emulator.dwarf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The line-number matrix of an image, answering "which source line is this address" and "where does this source
 * line's code start".
 */
public final class LineTable {
    /** Rows in program order: each sequence ends with an end-sequence row. */
    private final List<LineRow> rows;
    /** Address ranges covered by a row, sorted by start; the row at index i covers [starts[i], ends[i]). */
    private final long[] starts;
    private final long[] ends;
    private final LineRow[] covering;

    public LineTable(List<LineRow> rows) {
        this.rows = List.copyOf(rows);
        List<Span> spans = new ArrayList<>();
        int sequenceStart = 0;
        for (int i = 0; i < this.rows.size(); i++) {
            if (this.rows.get(i).endSequence()) {
                addSpans(this.rows.subList(sequenceStart, i + 1), spans);
                sequenceStart = i + 1;
            }
        }
        spans.sort(Comparator.comparingLong(Span::start));
        starts = spans.stream().mapToLong(Span::start).toArray();
        ends = spans.stream().mapToLong(Span::end).toArray();
        covering = spans.stream().map(Span::row).toArray(LineRow[]::new);
    }

    private record Span(long start, long end, LineRow row) {
    }

    /**
     * Within one sequence each row holds from its address up to the next larger address; of several rows at one
     * address (gcc's "views"), the last is the one in effect for the instructions that follow.
     */
    private static void addSpans(List<LineRow> sequence, List<Span> spans) {
        for (int i = 0; i < sequence.size() - 1; i++) {
            LineRow row = sequence.get(i);
            LineRow next = sequence.get(i + 1);
            if (next.address() > row.address()) {
                spans.add(new Span(row.address(), next.address(), row));
            }
        }
    }

    /** Every row in program order, including end-sequence rows. */
    public List<LineRow> rows() {
        return rows;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The row in effect at {@code address} (unsigned 32-bit), or empty if no sequence covers it. */
    public Optional<LineRow> lineFor(long address) {
        int low = 0;
        int high = starts.length - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= address) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found >= 0 && address < ends[found]) {
            return Optional.of(covering[found]);
        }
        return Optional.empty();
    }

    /**
     * Ascending addresses of the statement rows ({@code is_stmt}) for {@code line} of {@code file}, where
     * {@code file} is a full path, a path suffix such as {@code src/main.c}, or a base name. These are the
     * addresses a debugger plants a breakpoint on for "break file:line".
     */
    public List<Long> addressesFor(String file, int line) {
        TreeSet<Long> addresses = new TreeSet<>();
        for (LineRow row : rows) {
            if (!row.endSequence() && row.isStmt() && row.line() == line && row.isInFile(file)) {
                addresses.add(row.address());
            }
        }
        return List.copyOf(addresses);
    }
}
