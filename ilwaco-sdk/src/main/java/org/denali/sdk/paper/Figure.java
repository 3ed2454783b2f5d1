package org.denali.sdk.paper;

import java.util.List;

/**
 * A table and how to draw it: which column is x, which columns are the measured series, and what the paper
 * reported, overlaid for reference (dashed series or horizontal lines).
 *
 * @param verticals vertical reference lines at an x value (a {@link Level} whose y is that x)
 * @param claim the claim measured against, in words and naming its source ("paper: …"), shown under the title
 * @param verdict what our numbers say against it (computed from the table)
 */
public record Figure(Table table, String xColumn, String xLabel, String yLabel, boolean logX, boolean logY,
        List<Series> series, List<Series> references, List<Level> levels, List<Level> verticals, String claim,
        String verdict) {

    /** A line of the chart: the y column (or, for a reference, its values) and the legend's label. */
    public record Series(String label, double[] x, double[] y) {
    }

    /** A horizontal reference line. */
    public record Level(String label, double y) {
    }

    public String name() {
        return table.name();
    }

    /** A measured series: column {@code y} against the x column. */
    public static Series measured(Table table, String xColumn, String yColumn, String label) {
        return new Series(label, table.column(xColumn), table.column(yColumn));
    }
}
