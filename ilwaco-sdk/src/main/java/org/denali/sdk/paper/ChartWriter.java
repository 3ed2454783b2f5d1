package org.denali.sdk.paper;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a {@link Figure} as a PNG with JFreeChart, headless: measured series as solid lines with points, the
 * paper's reference series dashed, its reported levels as labelled horizontal lines; axes carry the units.
 */
public final class ChartWriter {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final Color[] MEASURED = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd)};
    private static final Color[] REFERENCE = {new Color(0x7f7f7f), new Color(0xff7f0e), new Color(0x8c564b)};

    private ChartWriter() {
    }

    public static void write(Figure figure, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int index = 0;
        for (Figure.Series s : figure.series()) {
            data.addSeries(series(s, figure.logX(), figure.logY()));
            renderer.setSeriesPaint(index, MEASURED[index % MEASURED.length]);
            // later series are drawn on top and thinner, so equal series stay visible as a line inside a line
            renderer.setSeriesStroke(index, new BasicStroke(Math.max(1.2f, 4f - 1.4f * index)));
            index++;
        }
        int measured = index;
        for (Figure.Series s : figure.references()) {
            data.addSeries(series(s, figure.logX(), figure.logY()));
            renderer.setSeriesPaint(index, REFERENCE[(index - measured) % REFERENCE.length]);
            renderer.setSeriesStroke(index, new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 5f}, 0f));
            renderer.setSeriesShapesVisible(index, false);
            index++;
        }
        NumberAxis x = figure.logX() ? new LogarithmicAxis(figure.xLabel()) : new NumberAxis(figure.xLabel());
        NumberAxis y = figure.logY() ? new LogarithmicAxis(figure.yLabel()) : new NumberAxis(figure.yLabel());
        if (x instanceof LogarithmicAxis log) {
            log.setAllowNegativesFlag(false);
            log.setStrictValuesFlag(false);
            log.setNumberFormatOverride(new DecimalFormat("#,##0"));
        } else {
            x.setAutoRangeIncludesZero(false);
        }
        if (y instanceof LogarithmicAxis log) {
            log.setStrictValuesFlag(false);
            log.setNumberFormatOverride(new DecimalFormat("#,##0.#"));
        } else {
            y.setAutoRangeIncludesZero(true);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD); // the first series at the bottom
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        int level = 0;
        for (Figure.Level l : figure.levels()) {
            ValueMarker marker = new ValueMarker(l.y(), REFERENCE[level++ % REFERENCE.length], new BasicStroke(1.8f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
            marker.setLabel(l.label());
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addRangeMarker(marker);
        }
        keepLevelsVisible(figure, y);
        for (Figure.Level v : figure.verticals()) {
            ValueMarker marker = new ValueMarker(v.y(), REFERENCE[1], new BasicStroke(1.8f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
            marker.setLabel(v.label());
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addDomainMarker(marker);
        }
        JFreeChart chart = new JFreeChart(figure.table().title(), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot,
            true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(figure.claim(), new Font(Font.SANS_SERIF, Font.ITALIC, 12)));
        chart.addSubtitle(new TextTitle("here: " + figure.verdict(), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    /** Widens the y range so the paper's levels show even when our values are far from them. */
    private static void keepLevelsVisible(Figure figure, NumberAxis y) {
        if (figure.levels().isEmpty()) {
            return;
        }
        double low = Double.MAX_VALUE;
        double high = 0;
        for (Figure.Series s : figure.series()) {
            for (double v : s.y()) {
                if (!Double.isNaN(v) && v > 0) {
                    low = Math.min(low, v);
                    high = Math.max(high, v);
                }
            }
        }
        for (Figure.Level l : figure.levels()) {
            low = Math.min(low, l.y());
            high = Math.max(high, l.y());
        }
        if (figure.logY()) {
            y.setRange(low / 2, high * 2);
        } else {
            y.setRange(0, high * 1.1);
        }
    }

    private static XYSeries series(Figure.Series s, boolean logX, boolean logY) {
        XYSeries series = new XYSeries(s.label(), false, true);
        for (int i = 0; i < s.x().length; i++) {
            double xv = s.x()[i];
            double yv = s.y()[i];
            if (Double.isNaN(xv) || Double.isNaN(yv) || (logX && xv <= 0) || (logY && yv <= 0)) {
                continue;
            }
            series.add(xv, yv);
        }
        return series;
    }
}
