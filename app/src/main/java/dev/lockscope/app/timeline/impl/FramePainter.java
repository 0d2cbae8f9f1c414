package dev.lockscope.app.timeline.impl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Paints a {@link FramePlan} on a canvas: row bands, bars, texts, markers, arrows, the axis, the row labels and
 * the legend. It only reads the plan's arrays and the layout; it never queries the trace.
 */
public final class FramePainter {
    private Font font;
    private Font bold;
    private Font small;
    private double fontScale = -1;
    /** Measured widths; emptied when the fonts change with the scale, or when large. */
    private final Map<Measured, Double> widths = new HashMap<>();

    private record Measured(String text, Font font) {}

    /** Rows (layout indices) to mark as the viewer's subject; owned by the caller, read while painting. */
    private java.util.BitSet marked = new java.util.BitSet();

    private Palette palette = Palette.LIGHT;

    /** The colours of the next paints. */
    public void setPalette(Palette p) {
        palette = p;
    }

    private Color c(Palette.Role role) {
        return palette.get(role);
    }

    private static Color alpha(Color c, double opacity) {
        return Color.color(c.getRed(), c.getGreen(), c.getBlue(), opacity);
    }

    /** The subject's band: its colour, faint over the rows. */
    private Color subjectBand() {
        return alpha(c(Palette.Role.SUBJECT), 0.18);
    }

    /** A command's label: its colour, darker on a light background and lighter on a dark one. */
    private Color commandText() {
        Color command = c(Palette.Role.COMMAND);
        return c(Palette.Role.BACKGROUND).getBrightness() > 0.5 ? command.darker() : command.brighter();
    }

    /** The rows to mark with a band in the next paints (the view's subject); not copied. */
    public void setMarkedRows(java.util.BitSet rows) {
        marked = rows;
    }

    /** Paints the plan over the whole canvas of {@code width} &times; {@code height}. */
    public void paint(GraphicsContext gc, FramePlan plan, TraceCatalog catalog, double width, double height) {
        FramePlan.Frame f = plan.frame();
        Metrics m = new Metrics(f.scale());
        fonts(m);
        double plotX = f.plotX();
        double plotRight = plotX + f.viewport().width();
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setLineDashes();
        gc.setFill(c(Palette.Role.BACKGROUND));
        gc.fillRect(0, 0, width, height);

        // row bands
        gc.save();
        gc.beginPath();
        gc.rect(0, f.top(), width, f.bottom() - f.top());
        gc.clip();
        List<RowLayout.Row> rows = plan.layout().rows();
        for (int i = plan.firstRow; i < plan.lastRow; i++) {
            RowLayout.Row row = rows.get(i);
            double y = f.top() + row.y() - f.scrollY();
            switch (row.type()) {
                case SECTION -> gc.setFill(c(Palette.Role.SECTION));
                case GROUP -> gc.setFill(c(Palette.Role.GROUP));
                default -> gc.setFill(i % 2 == 0 ? c(Palette.Role.ROW_ALT) : c(Palette.Role.BACKGROUND));
            }
            gc.fillRect(0, y, width, row.height());
            if (marked.get(i)) {
                gc.setFill(subjectBand());
                gc.fillRect(0, y, width, row.height());
            }
        }
        gc.restore();

        // plot content, clipped to the plot
        gc.save();
        gc.beginPath();
        gc.rect(plotX, f.top(), plotRight - plotX, f.bottom() - f.top());
        gc.clip();
        gc.setStroke(c(Palette.Role.GRID));
        gc.setLineWidth(1);
        for (int i = 0; i < plan.ticks; i++) {
            double x = Math.floor(plan.tickX[i]) + 0.5;
            gc.strokeLine(x, f.top(), x, f.bottom());
        }
        if (!Float.isNaN(plan.rangeX0)) {
            gc.setFill(alpha(c(Palette.Role.RANGE), 0.10));
            gc.fillRect(plan.rangeX0, f.top(), plan.rangeX1 - plan.rangeX0, f.bottom() - f.top());
        }
        commandLines(gc, plan, f);
        bars(gc, plan);
        texts(gc, plan);
        rowMarkers(gc, plan, m);
        arrows(gc, plan, m);
        gc.restore();

        axis(gc, plan, f, m, width);
        verticals(gc, plan, f, m);
        caption(gc, plan, f, m);
        labels(gc, plan, catalog, f, m, width);
        legend(gc, m, width, height, catalog.prims().isEmpty() ? LEGEND : PRIM_LEGEND);
    }

    private void fonts(Metrics m) {
        if (fontScale != m.scale()) {
            font = Font.font("System", m.fontSize());
            bold = Font.font("System", FontWeight.BOLD, m.fontSize());
            small = Font.font("System", m.smallFontSize());
            fontScale = m.scale();
            widths.clear();
        }
    }

    private void bars(GraphicsContext gc, FramePlan p) {
        for (int i = 0; i < p.rects; i++) {
            gc.setFill(palette.fill(p.rstyle[i]));
            gc.fillRect(p.rx[i], p.ry[i], p.rw[i], p.rh[i]);
        }
        gc.setLineWidth(1);
        gc.setStroke(c(Palette.Role.WAIT_OUTLINE));
        for (int i = 0; i < p.rects; i++) {
            if (Ink.isWait(p.rstyle[i]) && p.rw[i] >= 3) {
                gc.strokeRect(p.rx[i] + 0.5, p.ry[i] + 0.5, p.rw[i] - 1, p.rh[i] - 1);
            }
        }
        gc.setLineWidth(2.5);
        gc.setStroke(c(Palette.Role.INK));
        for (int i = 0; i < p.rects; i++) {
            if (p.routline[i]) {
                gc.strokeRect(p.rx[i] - 1, p.ry[i] - 1, p.rw[i] + 2, p.rh[i] + 2);
            }
        }
    }

    private void texts(GraphicsContext gc, FramePlan p) {
        gc.setFont(small);
        Color shadow = Color.rgb(0, 0, 0, 0.55);
        for (int i = 0; i < p.texts; i++) {
            String text = fit(p.ttext[i], p.tmax[i], small.getSize());
            if (text.isEmpty()) {
                continue;
            }
            if (p.tstyle[i] == Ink.TEXT_ON_DARK) {
                gc.setFill(shadow);
                gc.fillText(text, p.tx[i] + 1, p.ty[i] + 1);
                gc.setFill(c(Palette.Role.TEXT_ON_BAR));
            } else {
                gc.setFill(c(Palette.Role.TEXT));
            }
            gc.fillText(text, p.tx[i], p.ty[i]);
        }
    }

    /**
     * The selection's chain in words, in a box below and right of its arrows; in a smaller font where the plot is
     * too narrow for it (down to two thirds), and a line that still does not fit is cut with an ellipsis.
     */
    private void caption(GraphicsContext gc, FramePlan p, FramePlan.Frame f, Metrics m) {
        List<String> lines = f.highlight().caption();
        if (lines.isEmpty() || p.arrows == 0) {
            return;
        }
        double s = m.scale();
        double plotRight = f.plotX() + f.viewport().width();
        double room = plotRight - f.plotX() - 12 * s;
        double w = 0;
        for (String line : lines) {
            w = Math.max(w, width(line, font));
        }
        double shrink = Math.max(2.0 / 3, Math.min(1, (room - 20 * s) / w));
        Font body = shrink == 1 ? font : Font.font("System", m.fontSize() * shrink);
        Font head = shrink == 1 ? bold : Font.font("System", FontWeight.BOLD, m.fontSize() * shrink);
        double lineH = m.fontSize() * shrink * 1.45;
        w = Math.min(w * shrink, room - 20 * s) + 20 * s;
        double h = lines.size() * lineH + 12 * s;
        double anchorX = Double.NEGATIVE_INFINITY;
        double anchorY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.arrows; i++) {
            anchorX = Math.max(anchorX, Math.max(p.ax0[i], p.ax1[i]));
            anchorY = Math.max(anchorY, Math.max(p.ay0[i], p.ay1[i]));
        }
        double x = anchorX + 70 * s;
        if (x + w > plotRight - 6 * s) {
            x = Math.max(f.plotX() + 6 * s, plotRight - w - 6 * s);
        }
        double contentBottom = f.top() + p.layout().height() - f.scrollY();
        double y = anchorY + 26 * s;
        if (contentBottom + 12 * s + h <= f.bottom() - 6 * s) {
            y = contentBottom + 12 * s; // free space below the rows
        }
        if (y + h > f.bottom() - 6 * s) {
            y = Math.max(f.top() + 6 * s, f.bottom() - h - 6 * s);
        }
        gc.setFill(alpha(c(Palette.Role.BACKGROUND), 0.96));
        gc.fillRoundRect(x, y, w, h, 8 * s, 8 * s);
        gc.setStroke(c(Palette.Role.INK));
        gc.setLineWidth(1.5);
        gc.strokeRoundRect(x, y, w, h, 8 * s, 8 * s);
        gc.setFill(c(Palette.Role.TEXT));
        for (int i = 0; i < lines.size(); i++) {
            gc.setFont(i == 0 ? head : body);
            gc.fillText(fit(lines.get(i), w - 20 * s, m.fontSize() * shrink), x + 10 * s, y + 6 * s + lineH * (i + 0.5));
        }
    }

    /**
     * The text's width in the font, measured once per font: the legend and captions repeat their words every
     * frame, and measuring builds a {@code Text} node and lays it out.
     */
    private double width(String text, Font font) {
        if (widths.size() > 2_000) {
            widths.clear(); // captions vary with the selection: keep the cache from growing without bound
        }
        return widths.computeIfAbsent(new Measured(text, font), m -> {
            Text node = new Text(m.text());
            node.setFont(m.font());
            return node.getLayoutBounds().getWidth();
        });
    }

    /** The text cut (with an ellipsis) to an estimated width, or "" if not even 3 characters fit. */
    static String fit(String text, double maxWidth, double fontSize) {
        double charWidth = fontSize * 0.58;
        int fits = (int) (maxWidth / charWidth);
        if (fits >= text.length()) {
            return text;
        }
        if (fits < 4) {
            return "";
        }
        return text.substring(0, fits - 1) + "…";
    }

    private void commandLines(GraphicsContext gc, FramePlan p, FramePlan.Frame f) {
        gc.setStroke(c(Palette.Role.COMMAND));
        gc.setLineWidth(1.5);
        gc.setLineDashes(6, 4);
        for (int i = 0; i < p.markers; i++) {
            if (p.mkind[i] == Ink.COMMAND) {
                gc.strokeLine(p.mx[i], f.top(), p.mx[i], f.bottom());
            }
        }
        gc.setLineDashes();
    }

    private void rowMarkers(GraphicsContext gc, FramePlan p, Metrics m) {
        double s = m.scale();
        gc.setLineWidth(1.5);
        for (int i = 0; i < p.markers; i++) {
            double x = p.mx[i];
            double y = p.my[i];
            switch (p.mkind[i]) {
                case Ink.ALERT_ROW -> {
                    gc.setFill(c(Palette.Role.INK));
                    gc.fillPolygon(new double[] {x - 4 * s, x + 4 * s, x}, new double[] {y, y, y + 6 * s}, 3);
                }
                case Ink.JOIN -> {
                    glyphBox(gc, x, y, s, c(Palette.Role.COMMAND));
                    gc.setStroke(c(Palette.Role.TEXT_ON_BAR));
                    gc.strokeLine(x - 3 * s, y, x + 3 * s, y);
                    gc.strokeLine(x, y - 3 * s, x, y + 3 * s);
                }
                case Ink.LEAVE -> {
                    glyphBox(gc, x, y, s, c(Palette.Role.INK));
                    gc.setStroke(c(Palette.Role.TEXT_ON_BAR));
                    gc.strokeLine(x - 3 * s, y, x + 3 * s, y);
                }
                case Ink.RELOAD -> {
                    glyphBox(gc, x, y, s, c(Palette.Role.RELOAD));
                    gc.setStroke(c(Palette.Role.INK));
                    gc.strokeArc(x - 3 * s, y - 3 * s, 6 * s, 6 * s, 30, 270, javafx.scene.shape.ArcType.OPEN);
                }
                case Ink.LATENCY -> {
                    gc.setFill(c(Palette.Role.COMMAND));
                    gc.fillPolygon(new double[] {x, x + 5 * s, x, x - 5 * s}, new double[] {y - 5 * s, y, y + 5 * s, y}, 4);
                    if (p.mlabel[i] != null) {
                        gc.setFont(small);
                        gc.setFill(c(Palette.Role.TEXT));
                        gc.fillText(p.mlabel[i], x + 7 * s, y);
                    }
                }
                default -> { }
            }
        }
    }

    private void glyphBox(GraphicsContext gc, double x, double y, double s, Color fill) {
        gc.setFill(fill);
        gc.fillOval(x - 5.5 * s, y - 5.5 * s, 11 * s, 11 * s);
    }

    private void arrows(GraphicsContext gc, FramePlan p, Metrics m) {
        double s = m.scale();
        gc.setLineCap(StrokeLineCap.ROUND);
        for (int pass = 0; pass < 2; pass++) {
            gc.setStroke(pass == 0 ? c(Palette.Role.BACKGROUND) : c(Palette.Role.INK));
            gc.setLineWidth(pass == 0 ? 5 * s : 2 * s);
            for (int i = 0; i < p.arrows; i++) {
                double x0 = p.ax0[i];
                double y0 = p.ay0[i];
                double x1 = p.ax1[i];
                double y1 = p.ay1[i];
                double side = p.aleft[i] ? -1 : 1;
                double bulge = side * (28 + 16 * p.adepth[i]) * s;
                gc.beginPath();
                gc.moveTo(x0, y0);
                gc.bezierCurveTo(x0 + bulge, y0, x1 + bulge, y1, x1 + side * 5 * s, y1);
                gc.stroke();
            }
        }
        gc.setFill(c(Palette.Role.INK));
        for (int i = 0; i < p.arrows; i++) {
            double side = p.aleft[i] ? -1 : 1; // the head points back at its row from the side the curve comes from
            double x1 = p.ax1[i] + side * 4 * s;
            double y1 = p.ay1[i];
            gc.fillPolygon(new double[] {x1, x1 + side * 9 * s, x1 + side * 9 * s},
                    new double[] {y1, y1 - 5 * s, y1 + 5 * s}, 3);
            gc.fillOval(p.ax0[i] - 3.5 * s, p.ay0[i] - 3.5 * s, 7 * s, 7 * s);
        }
        gc.setLineCap(StrokeLineCap.SQUARE);
    }

    private void axis(GraphicsContext gc, FramePlan p, FramePlan.Frame f, Metrics m, double width) {
        double top = f.axisTop();
        double bottom = f.top();
        double s = m.scale();
        gc.setFill(c(Palette.Role.BACKGROUND));
        gc.fillRect(0, top, width, bottom - top);
        gc.setStroke(c(Palette.Role.MUTED));
        gc.setLineWidth(1);
        gc.strokeLine(f.plotX(), bottom - 0.5, width, bottom - 0.5);
        gc.save();
        gc.beginPath();
        gc.rect(f.plotX(), top, width - f.plotX(), bottom - top);
        gc.clip();
        gc.setFont(font);
        gc.setFill(c(Palette.Role.TEXT));
        double[] now = nowLabelBox(p, f, m);
        for (int i = 0; i < p.ticks; i++) {
            double x = Math.floor(p.tickX[i]) + 0.5;
            gc.strokeLine(x, top + 14 * s, x, bottom);
            double labelX = x + 3 * s;
            // A tick label that would run into the "now" label gives way to it.
            if (now == null || labelX + width(p.tickLabel[i], font) < now[0] || labelX > now[1]) {
                gc.fillText(p.tickLabel[i], labelX, top + 9 * s);
            }
        }
        if (!Float.isNaN(p.rangeX0)) {
            gc.setFill(alpha(c(Palette.Role.RANGE), 0.25));
            gc.fillRect(p.rangeX0, top, p.rangeX1 - p.rangeX0, bottom - top);
        }
        double plotRight = width;
        for (int i = 0; i < p.markers; i++) {
            double x = p.mx[i];
            double y = p.my[i];
            if (p.mkind[i] == Ink.ALERT_AXIS) {
                gc.setFill(c(Palette.Role.ALERT));
                gc.setStroke(c(Palette.Role.INK));
                double[] xs = {x, x + 5 * s, x, x - 5 * s};
                double[] ys = {y - 6 * s, y, y + 6 * s, y};
                gc.fillPolygon(xs, ys, 4);
                gc.strokePolygon(xs, ys, 4);
            } else if (p.mkind[i] == Ink.COMMAND) {
                gc.setFill(c(Palette.Role.COMMAND));
                gc.fillRect(x - 1, y - 9 * s, 2 * s, 16 * s);
                gc.fillPolygon(new double[] {x, x + 9 * s, x}, new double[] {y - 9 * s, y - 5 * s, y - 1 * s}, 3);
                if (p.mlabel[i] != null) {
                    // A label runs up to the next flag, and is cut there: labels never sit on each other.
                    double room = nextCommandX(p, i, plotRight) - x - 11 * s - 6 * s;
                    String label = fitMeasured(p.mlabel[i], room, bold);
                    if (!label.isEmpty()) {
                        gc.setFont(bold);
                        gc.setFill(commandText());
                        gc.fillText(label, x + 11 * s, y - 4 * s);
                    }
                }
            }
        }
        gc.restore();
    }

    /**
     * Where the "now" label goes on the axis' top band, {x0, x1}: left of the line, or right of it at the plot's left
     * edge; {@code null} when "now" is not in view.
     */
    private double[] nowLabelBox(FramePlan p, FramePlan.Frame f, Metrics m) {
        if (Float.isNaN(p.nowX)) {
            return null;
        }
        double s = m.scale();
        double w = width("now", bold);
        boolean left = p.nowX - 5 * s - w >= f.plotX();
        double x0 = left ? p.nowX - 5 * s - w : p.nowX + 2 * s;
        return new double[] {x0, x0 + w + 4 * s};
    }

    /** {@code text} as measured in {@code f}, cut with an ellipsis to {@code room}; "" if not 3 characters fit. */
    private String fitMeasured(String text, double room, Font f) {
        if (width(text, f) <= room) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) { // the longest prefix that fits with its ellipsis
            int mid = (lo + hi + 1) >>> 1;
            if (width(text.substring(0, mid) + "…", f) <= room) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo < 3 ? "" : text.substring(0, lo) + "…";
    }

    /** The x of the next command flag after marker {@code i}, or {@code right}. */
    private static double nextCommandX(FramePlan p, int i, double right) {
        for (int j = i + 1; j < p.markers; j++) {
            if (p.mkind[j] == Ink.COMMAND) {
                return p.mx[j];
            }
        }
        return right;
    }

    private void verticals(GraphicsContext gc, FramePlan p, FramePlan.Frame f, Metrics m) {
        double s = m.scale();
        if (!Float.isNaN(p.markX)) {
            gc.setStroke(c(Palette.Role.INK));
            gc.setLineWidth(1);
            gc.setLineDashes(2, 3);
            gc.strokeLine(p.markX, f.top(), p.markX, f.bottom());
            gc.setLineDashes();
        }
        if (!Float.isNaN(p.nowX)) {
            gc.setStroke(c(Palette.Role.INK));
            gc.setLineWidth(2 * s);
            gc.strokeLine(p.nowX, f.axisTop() + 14 * s, p.nowX, f.bottom());
            gc.setFont(bold);
            // In the axis' top band, with the tick labels (flags and alerts have bands of their own below), on a box
            // of the axis' colour over any tick label; left of the line, or right of it at the plot's left edge.
            double[] box = nowLabelBox(p, f, m);
            double labelH = m.fontSize() * 1.2;
            double y = f.axisTop() + 9 * s;
            gc.setFill(c(Palette.Role.BACKGROUND));
            gc.fillRect(box[0], y - labelH / 2, box[1] - box[0], labelH);
            gc.setFill(c(Palette.Role.INK));
            gc.fillText("now", box[0] + 2 * s, y);
        }
        if (!Float.isNaN(p.playheadX)) {
            double x = p.playheadX;
            gc.setStroke(c(Palette.Role.PLAYHEAD));
            gc.setLineWidth(2 * s);
            gc.strokeLine(x, f.axisTop() + 14 * s, x, f.bottom());
            gc.setFill(c(Palette.Role.PLAYHEAD));
            gc.fillPolygon(new double[] {x - 6 * s, x + 6 * s, x}, new double[] {f.axisTop() + 12 * s, f.axisTop() + 12 * s, f.axisTop() + 20 * s}, 3);
        }
    }

    private void labels(GraphicsContext gc, FramePlan p, TraceCatalog catalog, FramePlan.Frame f, Metrics m, double width) {
        double s = m.scale();
        double gutter = f.plotX();
        gc.setFill(c(Palette.Role.BACKGROUND));
        gc.fillRect(0, f.axisTop(), gutter, f.top() - f.axisTop());
        gc.setFont(bold);
        gc.setFill(c(Palette.Role.MUTED));
        gc.fillText("virtual time", 8 * s, f.axisTop() + 9 * s);
        gc.save();
        gc.beginPath();
        gc.rect(0, f.top(), gutter, f.bottom() - f.top());
        gc.clip();
        List<RowLayout.Row> rows = p.layout().rows();
        List<TraceCatalog.Group> groups = catalog.groups();
        for (int i = p.firstRow; i < p.lastRow; i++) {
            RowLayout.Row row = rows.get(i);
            double y = f.top() + row.y() - f.scrollY();
            gc.setFill(switch (row.type()) {
                case SECTION -> c(Palette.Role.SECTION);
                case GROUP -> c(Palette.Role.GROUP);
                default -> i % 2 == 0 ? c(Palette.Role.ROW_ALT) : c(Palette.Role.BACKGROUND);
            });
            gc.fillRect(0, y, gutter, row.height());
            if (marked.get(i)) {
                gc.setFill(subjectBand());
                gc.fillRect(0, y, gutter, row.height());
                gc.setFill(c(Palette.Role.SUBJECT));
                gc.fillRect(0, y, 5 * s, row.height());
            }
            double x = (8 + 14 * row.depth()) * s;
            String label = row.label();
            if (row.type() == RowLayout.Type.SECTION || row.type() == RowLayout.Type.GROUP) {
                gc.setFill(c(Palette.Role.MUTED));
                double cx = x + 4 * s;
                double cy = y + row.height() / 2;
                if (row.collapsed()) {
                    gc.fillPolygon(new double[] {cx - 3 * s, cx + 3 * s, cx - 3 * s}, new double[] {cy - 4 * s, cy, cy + 4 * s}, 3);
                } else {
                    gc.fillPolygon(new double[] {cx - 4 * s, cx + 4 * s, cx}, new double[] {cy - 3 * s, cy - 3 * s, cy + 3 * s}, 3);
                }
                x += 12 * s;
                if (row.type() == RowLayout.Type.GROUP && row.ref() >= 0 && row.ref() < groups.size()) {
                    TraceCatalog.Group g = groups.get(row.ref());
                    label = g.key() + "  ·  " + g.goroutines();
                }
                gc.setFont(bold);
            } else {
                gc.setFont(row.type() == RowLayout.Type.LOCK_WAITERS || row.type() == RowLayout.Type.LANE && row.depth() > 1 ? small : font);
                if (row.type() == RowLayout.Type.LANE && row.depth() == 1 && row.ref() < catalog.laneCount()) {
                    TraceCatalog.Group g = catalog.lane(row.ref()).group();
                    if (g.goroutines() > 1) { // a one-lane group's row: how many it has seen, as a header would say
                        label = g.key() + "  ·  " + g.goroutines();
                    }
                }
            }
            gc.setFill(row.type() == RowLayout.Type.LOCK_WAITERS ? c(Palette.Role.WAITERS).darker() : c(Palette.Role.TEXT));
            TraceCatalog.PrimInfo prim = row.type() == RowLayout.Type.PRIM ? catalog.prim(row.ref()) : null;
            if (prim != null) { // its name, and under it what it is: "unbuffered chan", "chan, cap 4", "WaitGroup"
                gc.fillText(fit(label, gutter - x - 4 * s, m.fontSize()), x, y + row.height() * 0.34);
                gc.setFont(small);
                gc.setFill(c(Palette.Role.MUTED));
                gc.fillText(fit(prim.description(), gutter - x - 4 * s, m.smallFontSize()), x, y + row.height() * 0.74);
                continue;
            }
            gc.fillText(fit(label, gutter - x - 4 * s, m.fontSize()), x, y + row.height() / 2);
        }
        gc.restore();
        gc.setStroke(c(Palette.Role.MUTED));
        gc.setLineWidth(1);
        gc.strokeLine(gutter - 0.5, f.axisTop(), gutter - 0.5, f.bottom());
    }

    private void legend(GraphicsContext gc, Metrics m, double width, double height, Object[][] items) {
        double top = height - m.legendHeight();
        gc.setFill(c(Palette.Role.ROW_ALT));
        gc.fillRect(0, top, width, m.legendHeight());
        gc.setStroke(c(Palette.Role.GRID));
        gc.setLineWidth(1);
        gc.strokeLine(0, top + 0.5, width, top + 0.5);
        double y = top + m.legendHeight() / 2;
        // The long words with roomy gaps where they fit; else the short words, packed closer; else the short words
        // smaller, so that the legend is always whole (a narrow window, a projector's scale, a small export).
        double s = m.scale();
        boolean roomy = legendWidth(items, LONG, s, small) <= width;
        int words = roomy ? LONG : SHORT;
        if (!roomy) {
            double needed = legendWidth(items, SHORT, s, small);
            if (needed > width) {
                s = Math.max(0.4, s * width / needed);
            }
        }
        Font legendFont = s == m.scale() ? small : shrunkLegendFont(new Metrics(s).smallFontSize());
        double gap = (roomy ? 16 : 10) * s;
        gc.setFont(legendFont);
        double x = 8 * s;
        for (int i = 0; i < items.length - 3; i++) {
            Object[] item = items[i];
            byte style = (Byte) item[0];
            gc.setFill(palette.fill(style));
            double h = style == Ink.RUNNING ? 4 * s : 12 * s;
            gc.fillRect(x, y - h / 2, 18 * s, h);
            if (Ink.isWait(style)) {
                gc.setStroke(c(Palette.Role.WAIT_OUTLINE));
                gc.strokeRect(x + 0.5, y - h / 2 + 0.5, 18 * s - 1, h - 1);
            }
            gc.setFill(c(Palette.Role.TEXT));
            String label = (String) item[words];
            gc.fillText(label, x + 22 * s, y);
            x += 22 * s + width(label, legendFont) + gap;
        }
        gc.setFill(c(Palette.Role.ALERT));
        gc.setStroke(c(Palette.Role.INK));
        double[] xs = {x + 6 * s, x + 12 * s, x + 6 * s, x};
        double[] ys = {y - 7 * s, y, y + 7 * s, y};
        gc.fillPolygon(xs, ys, 4);
        gc.strokePolygon(xs, ys, 4);
        gc.setFill(c(Palette.Role.TEXT));
        String alert = (String) items[items.length - 3][words];
        gc.fillText(alert, x + 16 * s, y);
        x += 16 * s + width(alert, legendFont) + gap;
        gc.setFill(c(Palette.Role.COMMAND));
        gc.fillRect(x, y - 8 * s, 2 * s, 16 * s);
        gc.fillPolygon(new double[] {x, x + 9 * s, x}, new double[] {y - 8 * s, y - 4 * s, y}, 3);
        gc.setFill(c(Palette.Role.TEXT));
        String command = (String) items[items.length - 2][words];
        gc.fillText(command, x + 13 * s, y);
        x += 13 * s + width(command, legendFont) + gap;
        gc.setFill(c(Palette.Role.INK));
        gc.fillPolygon(new double[] {x, x + 10 * s, x + 10 * s}, new double[] {y, y - 5 * s, y + 5 * s}, 3);
        gc.fillRect(x + 10 * s, y - 1 * s, 12 * s, 2 * s);
        gc.setFill(c(Palette.Role.TEXT));
        gc.fillText((String) items[items.length - 1][words], x + 26 * s, y);
    }

    /**
     * The legend's entries: a style, its long words and its short words; the last three are the glyph entries
     * (alert, command, arrow). The short words are used where the long ones do not fit (a narrow window, or a
     * projector's scale).
     */
    private static final Object[][] LEGEND = {
        {Ink.RUNNING, "running", "running"},
        {Ink.HOLD_READ, "holds read lock", "read lock"},
        {Ink.HOLD_WRITE, "holds write lock", "write lock"},
        {Ink.WAITING, "waiting for a lock", "waiting"},
        {Ink.SENDING, "sending", "sending"},
        {Ink.WAITERS, "waiters (count)", "waiters"},
        {Ink.MEMBER_SEND, "send in flight to member", "in flight"},
        {null, "alert", "alert"},
        {null, "command", "command"},
        {null, "waits for", "waits for"},
    };

    /**
     * The legend of a trace with channels or sync primitives: the states of their waits and buffers take the
     * place of a room's sends and members.
     */
    private static final Object[][] PRIM_LEGEND = {
        {Ink.RUNNING, "running", "running"},
        {Ink.HOLD_WRITE, "holds a lock", "holds lock"},
        {Ink.WAITING, "waiting for a lock", "lock wait"},
        {Ink.CHAN_SEND, "blocked sending", "send"},
        {Ink.CHAN_RECV, "blocked receiving", "receive"},
        {Ink.SELECT, "blocked in select", "select"},
        {Ink.SYNC_WAIT, "WaitGroup, Cond, Once", "sync"},
        {Ink.BUFFERED, "in the buffer", "buffered"},
        {null, "alert", "alert"},
        {null, "command", "command"},
        {null, "waits for", "waits for"},
    };
    private static final int LONG = 1;
    private static final int SHORT = 2;

    private Font shrunkLegend;

    /** The legend's font at {@code size}, kept while the size stays the same (a narrow window, frame after frame). */
    private Font shrunkLegendFont(double size) {
        if (shrunkLegend == null || shrunkLegend.getSize() != size) {
            shrunkLegend = Font.font("System", size);
        }
        return shrunkLegend;
    }

    /**
     * The width the legend takes in these words (LONG or SHORT), at scale {@code s} in {@code font} (the font of that
     * scale), as {@link #legend} lays it out.
     */
    private double legendWidth(Object[][] items, int words, double s, Font font) {
        double gap = (words == LONG ? 16 : 10) * s;
        double w = 8 * s;
        int n = items.length;
        for (int i = 0; i < n - 3; i++) {
            w += 22 * s + width((String) items[i][words], font) + gap;
        }
        w += 16 * s + width((String) items[n - 3][words], font) + gap;
        w += 13 * s + width((String) items[n - 2][words], font) + gap;
        return w + 26 * s + width((String) items[n - 1][words], font) + 8 * s;
    }
}
