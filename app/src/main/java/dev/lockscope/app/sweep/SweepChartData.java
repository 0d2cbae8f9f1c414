package dev.lockscope.app.sweep;

import dev.lockscope.sweep.Setting;
import dev.lockscope.sweep.SweepRow;
import dev.lockscope.sweep.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns sweep rows into chart series, without JavaFX: the x axis is the first parameter whose values are numbers,
 * one series per combination of the other parameters, and each point is the metric's mean over the seeds of
 * its cell.
 *
 * @param xAxis  the index of the x parameter, or -1 when no parameter is numeric (points are then numbered by cell)
 * @param series series name → points in x order
 */
public record SweepChartData(int xAxis, String xLabel, Map<String, List<Point>> series) {

    /** One cell: its x value, the mean of the metric over the cell's seeds, and the cell itself. */
    public record Point(double x, double y, SweepSpec.Cell cell) {}

    public static SweepChartData of(SweepSpec spec, List<SweepRow> rows, SweepMetric metric) {
        int xAxis = -1;
        for (int a = 0; a < spec.axes().size() && xAxis < 0; a++) {
            if (isNumeric(spec.axes().get(a))) {
                xAxis = a;
            }
        }
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        Map<Integer, SweepSpec.Cell> cells = new LinkedHashMap<>();
        for (SweepRow row : rows) {
            double[] acc = sums.computeIfAbsent(row.cell().index(), i -> new double[2]);
            acc[0] += metric.of(row.summary());
            acc[1]++;
            cells.put(row.cell().index(), row.cell());
        }
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (var e : cells.entrySet()) {
            SweepSpec.Cell cell = e.getValue();
            double[] acc = sums.get(e.getKey());
            double x = xAxis < 0 ? cell.index() : Double.parseDouble(cell.settings().get(xAxis).value());
            series.computeIfAbsent(seriesName(cell, xAxis), k -> new ArrayList<>())
                    .add(new Point(x, acc[0] / acc[1], cell));
        }
        String xLabel = xAxis < 0 ? "cell" : spec.axes().get(xAxis).parameter();
        return new SweepChartData(xAxis, xLabel, series);
    }

    private static boolean isNumeric(SweepSpec.Axis axis) {
        for (Setting s : axis.values()) {
            try {
                Double.parseDouble(s.value());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String seriesName(SweepSpec.Cell cell, int xAxis) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < cell.settings().size(); i++) {
            if (i != xAxis) {
                parts.add(cell.settings().get(i).value());
            }
        }
        return parts.isEmpty() ? "all" : String.join(" · ", parts);
    }
}
