package dev.lockscope.app.lab;

import dev.lockscope.run.Metric;
import dev.lockscope.run.RunStatus;
import dev.lockscope.util.Millis;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.HPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * Live figures: each {@link Metric} over the last 5 s of virtual time (or now), over the whole run, and as a
 * small chart over time, so a strategy change that ends a stall shows as a cliff. Ids: {@code #metricAddP99}
 * and friends for the "now" value ({@link #id}), the same with {@code Run} appended for the whole run.
 */
final class MetricsPanel extends VBox {
    /** Charts show at most this much virtual time of a live run: the latest two minutes. */
    private static final long LIVE_SPAN_NS = 120_000_000_000L;

    private final LabModel model;
    private final Map<Metric, Label> now = new EnumMap<>(Metric.class);
    private final Map<Metric, Label> whole = new EnumMap<>(Metric.class);
    private final Map<Metric, Sparkline> charts = new EnumMap<>(Metric.class);
    /** Each metric's row (name, now, whole run, trend), shown only where the metric applies. */
    private final Map<Metric, List<javafx.scene.Node>> rows = new EnumMap<>(Metric.class);
    /** Whether the rows shown are the chat room's; null before the first status. */
    private Boolean showingRoom;
    private final javafx.scene.control.ComboBox<Metric> chartChoice = new javafx.scene.control.ComboBox<>();
    private final Label chartPeak = new Label();
    private Sparkline bigChart = new Sparkline(Metric.ADD_WAIT_P99);
    private Color lineColor = Color.web("#2f6fca");
    private Color markerColor = Color.web("#e08a00");

    MetricsPanel(LabModel model) {
        this.model = model;
        getStyleClass().addAll("panel", "metrics-panel");
        setId("metricsPanel");
        Label title = new Label("Metrics");
        title.getStyleClass().add("panel-title");

        GridPane grid = new GridPane();
        grid.getStyleClass().add("metrics-grid");
        ColumnConstraints name = new ColumnConstraints();
        ColumnConstraints value = new ColumnConstraints();
        value.setHalignment(HPos.RIGHT);
        ColumnConstraints value2 = new ColumnConstraints();
        value2.setHalignment(HPos.RIGHT);
        ColumnConstraints chart = new ColumnConstraints();
        chart.setHgrow(Priority.ALWAYS);
        chart.setMinWidth(0); // on a narrow screen the trends give way first (and then are left out)
        grid.getColumnConstraints().addAll(name, value, value2, chart);
        Label trendHeader = header("trend");
        grid.addRow(0, header(""), header("last 5 s"), header("whole run"), trendHeader);
        int row = 1;
        for (Metric m : Metric.values()) {
            Label label = new Label(m.label());
            label.getStyleClass().add("metric-name");
            label.setMinWidth(Region.USE_PREF_SIZE);
            Tooltip.install(label, new Tooltip(m.label() + ": " + m.nowMeaning()));
            Label n = value(id(m));
            Label w = value(id(m) + "Run");
            w.getStyleClass().add("metric-whole");
            Sparkline s = new Sparkline(m);
            s.setMinWidth(0);
            now.put(m, n);
            whole.put(m, w);
            charts.put(m, s);
            rows.put(m, List.of(label, n, w, s));
            grid.addRow(row++, label, n, w, s);
        }
        // Where the panel is narrow (a 1280 px projector), the trends give way to the figures, and then go.
        Sparkline firstTrend = charts.values().iterator().next();
        firstTrend.widthProperty().addListener((o, was, w) -> {
            boolean show = w.doubleValue() >= Sparkline.MIN_DRAWN_PX;
            trendHeader.setVisible(show);
        });
        trendHeader.setMinWidth(0);
        bigChart.setId("metricChart");
        VBox.setVgrow(bigChart, Priority.ALWAYS);
        bigChart.setMinHeight(80);
        chartChoice.setId("chartMetricChoice");
        chartChoice.getItems().setAll(Metric.values());
        chartChoice.setValue(Metric.ADD_WAIT_P99);
        chartChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Metric m) {
                return m == null ? "" : m.label();
            }

            @Override
            public Metric fromString(String s) {
                return Metric.ADD_WAIT_P99;
            }
        });
        chartChoice.valueProperty().addListener((o, old, m) -> {
            bigChart = replaceChart(m);
            redrawCharts();
        });
        chartPeak.getStyleClass().add("metric-header");
        Label chartLabel = new Label("Chart");
        chartLabel.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox chooser = new javafx.scene.layout.HBox(8, chartLabel, chartChoice);
        chooser.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        chooser.getStyleClass().add("chart-chooser");
        getChildren().addAll(title, grid, chooser, chartPeak, bigChart);

        model.statusProperty().addListener((o, old, s) -> showStatus(s));
        model.samples().addListener((javafx.collections.ListChangeListener<? super dev.lockscope.run.MetricSample>) c -> redrawCharts());
        model.playheadProperty().addListener(o -> redrawCharts());
        showStatus(model.statusProperty().get()); // the lab may build this panel after the run has started
    }

    /** The node id of a metric's "now" value. */
    static String id(Metric m) {
        return switch (m) {
            case WAIT_P50 -> "metricWaitP50";
            case WAIT_P99 -> "metricWaitP99";
            case WAIT_MAX -> "metricWaitMax";
            case HOLD_P99 -> "metricHoldP99";
            case ADD_WAIT_P50 -> "metricAddP50";
            case ADD_WAIT_P99 -> "metricAddP99";
            case ADD_WAIT_MAX -> "metricAddMax";
            case REMOVE_WAIT_P99 -> "metricRemoveP99";
            case BROADCAST_WAIT_P99 -> "metricBroadcastWaitP99";
            case BROADCAST_HOLD_P99 -> "metricBroadcastHoldP99";
            case DELIVERY_P99 -> "metricDeliveryP99";
            case WAITERS -> "metricWaiters";
            case ALERTS -> "metricAlerts";
            case ORDER_VIOLATIONS -> "metricOrderViolations";
            case GOROUTINES -> "metricGoroutines";
        };
    }

    void setChartColors(Color line, Color marker) {
        lineColor = line;
        markerColor = marker;
        charts.values().forEach(c -> c.setColors(line, marker));
        bigChart.setColors(line, marker);
    }

    private Sparkline replaceChart(Metric m) {
        Sparkline next = new Sparkline(m);
        next.setId("metricChart");
        next.setColors(lineColor, markerColor);
        VBox.setVgrow(next, Priority.ALWAYS);
        next.setMinHeight(80);
        getChildren().set(getChildren().indexOf(bigChart), next);
        return next;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add("metric-header");
        return l;
    }

    private static Label value(String id) {
        Label l = new Label("–");
        l.setId(id);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add("metric-value");
        return l;
    }

    private void showStatus(RunStatus s) {
        if (s == null) {
            return;
        }
        showRowsFor(s.isRoom());
        for (Metric m : Metric.values()) {
            now.get(m).setText(Format.metric(m, s.now(m)));
            String w = Format.metric(m, s.whole(m));
            whole.get(m).setText(m == Metric.GOROUTINES ? "max " + w : w);
        }
    }

    /**
     * The chat room's own figures (Add, Broadcast, deliveries) for the room; for a script or a real program's
     * trace, whose operations have other names, the figures over every lock instead.
     */
    private void showRowsFor(boolean room) {
        if (showingRoom != null && showingRoom == room) {
            return;
        }
        showingRoom = room;
        rows.forEach((m, nodes) -> nodes.forEach(node -> {
            node.setVisible(m.appliesTo(room));
            node.setManaged(m.appliesTo(room));
        }));
        Metric chosen = chartChoice.getValue();
        chartChoice.getItems().setAll(java.util.Arrays.stream(Metric.values()).filter(m -> m.appliesTo(room)).toList());
        chartChoice.setValue(chosen != null && chosen.appliesTo(room) ? chosen
                : room ? Metric.ADD_WAIT_P99 : Metric.WAIT_P99);
    }

    private void redrawCharts() {
        long at = model.playheadProperty().get();
        long from;
        long to;
        if (model.sourceProperty().get() == LabModel.Source.LIVE) {
            to = Math.max(at, 30_000_000_000L);
            from = Math.max(0, to - LIVE_SPAN_NS);
        } else {
            from = 0;
            to = model.durationProperty().get();
        }
        for (Sparkline c : charts.values()) {
            c.show(model.samples(), from, to, at);
        }
        bigChart.show(model.samples(), from, to, at);
        Metric m = chartChoice.getValue();
        double peak = 0;
        for (var sample : model.samples()) {
            if (sample.timeNs() >= from && sample.timeNs() <= to) {
                peak = Math.max(peak, sample.value(m));
            }
        }
        chartPeak.setText("peak " + Format.metric(m, peak) + ", " + Millis.seconds(from) + " – " + Millis.seconds(to));
    }
}
