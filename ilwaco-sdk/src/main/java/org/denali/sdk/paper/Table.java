package org.denali.sdk.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A benchmark's results: named columns (units in the names, e.g. "requests/s", never in the cells) and rows of
 * numbers or words. One table is what every output format writes ({@link TableFormat}).
 */
public final class Table {
    private final String name;
    private final String title;
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String name, String title, List<String> columns) {
        this.name = Objects.requireNonNull(name);
        this.title = Objects.requireNonNull(title);
        this.columns = List.copyOf(columns);
    }

    /** Appends a row: one value (a Number or a String) per column. */
    public Table add(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + columns.size()
                + " columns");
        }
        rows.add(List.of(values));
        return this;
    }

    /** A line said under the table (text) or in its "notes" (JSON); CSV keeps only the numbers. */
    public Table note(String line) {
        notes.add(line);
        return this;
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public List<String> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return List.copyOf(rows);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The values of one column as doubles (NaN where a row has no number). */
    public double[] column(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(name + " has no column " + column);
        }
        return rows.stream().mapToDouble(r -> r.get(index) instanceof Number n ? n.doubleValue() : Double.NaN)
            .toArray();
    }
}
