package dev.lockscope.app.lab;

import dev.lockscope.run.Metric;
import dev.lockscope.run.MetricSample;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * A small chart of one metric over virtual time, drawn on a canvas: at most one min/max column per pixel
 * whatever the number of samples, and the playhead as a vertical line. Colours come from the CSS looked-up
 * colours through the style class of the region ({@code -fx-text-fill} for the line).
 */
final class Sparkline extends Region {
    /** Narrower than this, a sparkline draws nothing: a trend a few pixels wide says nothing. */
    static final double MIN_DRAWN_PX = 24;
    private final Canvas canvas = new Canvas();
    private final Metric metric;
    private List<MetricSample> samples = List.of();
    private long t0;
    private long t1 = 1;
    private long playhead = -1;
    private Color line = Color.web("#3b7dd8");
    private Color marker = Color.web("#f0ad4e");

    Sparkline(Metric metric) {
        this.metric = metric;
        getStyleClass().add("sparkline");
        getChildren().add(canvas);
        setMinSize(60, 22);
        setPrefSize(120, 28);
    }

    void setColors(Color lineColor, Color markerColor) {
        this.line = lineColor;
        this.marker = markerColor;
        draw();
    }

    /** Shows {@code samples} (in time order) over [from, to), with the playhead at {@code at} (-1: none). */
    void show(List<MetricSample> newSamples, long from, long to, long at) {
        this.samples = newSamples;
        this.t0 = from;
        this.t1 = Math.max(from + 1, to);
        this.playhead = at;
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        if (w < MIN_DRAWN_PX || h < 2 || samples.isEmpty()) { // narrower, a trend says nothing: leave it out
            return;
        }
        int px = (int) w;
        double[] lo = new double[px];
        double[] hi = new double[px];
        boolean[] has = new boolean[px];
        double max = 0;
        for (MetricSample s : samples) {
            if (s.timeNs() < t0 || s.timeNs() > t1) {
                continue;
            }
            int x = (int) Math.min(px - 1, (s.timeNs() - t0) * (double) px / (t1 - t0));
            double v = s.value(metric);
            if (!has[x]) {
                lo[x] = v;
                hi[x] = v;
                has[x] = true;
            } else {
                lo[x] = Math.min(lo[x], v);
                hi[x] = Math.max(hi[x], v);
            }
            max = Math.max(max, v);
        }
        double scale = max > 0 ? (h - 3) / max : 0;
        g.setStroke(line);
        g.setLineWidth(1.5);
        double lastX = -1;
        double lastY = 0;
        for (int x = 0; x < px; x++) {
            if (!has[x]) {
                continue;
            }
            double yHi = h - 1.5 - hi[x] * scale;
            double yLo = h - 1.5 - lo[x] * scale;
            if (lastX >= 0) {
                g.strokeLine(lastX, lastY, x + 0.5, yLo);
            }
            g.strokeLine(x + 0.5, yLo, x + 0.5, yHi);
            lastX = x + 0.5;
            lastY = yHi;
        }
        if (playhead >= t0 && playhead <= t1) {
            double x = (playhead - t0) * w / (t1 - t0);
            g.setStroke(marker);
            g.setLineWidth(1);
            g.strokeLine(x, 0, x, h);
        }
    }
}
