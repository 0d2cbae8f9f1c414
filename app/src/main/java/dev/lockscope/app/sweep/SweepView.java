package dev.lockscope.app.sweep;

import dev.lockscope.io.AtomicOutput;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.sweep.SweepCsv;
import dev.lockscope.sweep.SweepRow;
import dev.lockscope.sweep.SweepRunner;
import dev.lockscope.sweep.SweepSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.concurrent.Task;
import javafx.geometry.Insets;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;

/**
 * The Sweep view: runs a sweep in the background with a progress bar, then charts one metric (Remove wait p99 to
 * begin with) against the first numeric parameter, one line per combination of the others, with the results table
 * beside it. Clicking a
 * point or a row opens that cell's run (first seed) in the lab; Export CSV writes the same file as
 * {@code lockscope sweep}.
 */
public final class SweepView extends BorderPane {
    private final SweepSpec spec;
    private final Consumer<Scenario> openInLab;
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final ComboBox<SweepMetric> metric = new ComboBox<>(FXCollections.observableArrayList(SweepMetric.values()));
    private final LineChart<Number, Number> chart;
    private final TableView<SweepRow> table = new TableView<>();
    private final Button export = new Button("Export CSV…");
    private final ReadOnlyObjectWrapper<List<SweepRow>> rows = new ReadOnlyObjectWrapper<>(this, "rows", List.of());

    public SweepView(SweepSpec spec, Consumer<Scenario> openInLab) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.openInLab = Objects.requireNonNull(openInLab, "openInLab");
        getStyleClass().add("sweep-view");
        setId("sweepView");

        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        chart = new LineChart<>(x, y);
        chart.setId("sweepChart");
        chart.setAnimated(false);
        chart.setCreateSymbols(true);
        metric.setId("sweepMetric");
        // Remove's wait tells the article's story (the reloads' writers queue behind the sends); Add's p99 is a
        // sawtooth of the few joins that happen to land in a stall.
        metric.getSelectionModel().select(SweepMetric.REMOVE_WAIT_P99);
        metric.valueProperty().addListener((o, a, b) -> redraw());
        progress.setId("sweepProgress");
        status.setId("sweepStatus");
        export.setId("sweepExport");
        export.setDisable(true);
        export.setOnAction(e -> chooseAndExport());

        Label title = new Label(spec.name());
        title.getStyleClass().add("sweep-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox top = new HBox(10, title, progress, status, grow, new Label("Chart"), metric, export);
        top.setPadding(new Insets(8));
        setTop(top);

        buildTable();
        SplitPane split = new SplitPane(chart, table);
        split.setDividerPositions(0.62);
        setCenter(split);
    }

    /** The finished runs, in (cell, seed) order; empty until the sweep is done. */
    public ReadOnlyObjectProperty<List<SweepRow>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    public List<SweepRow> getRows() {
        return rows.get();
    }

    /** Starts the sweep on a background thread; returns the task so callers can cancel or wait for it. */
    public Task<List<SweepRow>> start() {
        Task<List<SweepRow>> task = new Task<>() {
            @Override
            protected List<SweepRow> call() throws Exception {
                int total = spec.runCount();
                return new SweepRunner(Runtime.getRuntime().availableProcessors())
                        .run(spec, done -> updateProgress(done, total));
            }
        };
        progress.progressProperty().bind(task.progressProperty());
        status.setText(spec.runCount() + " runs…");
        task.setOnSucceeded(e -> {
            rows.set(List.copyOf(task.getValue()));
            table.setItems(FXCollections.observableArrayList(task.getValue()));
            status.setText(spec.cellCount() + " cells × " + spec.seeds().size() + " seeds done");
            export.setDisable(false);
            redraw();
        });
        task.setOnFailed(e -> status.setText("failed: " + task.getException().getMessage()));
        Thread thread = new Thread(task, "lockscope-sweep-view");
        thread.setDaemon(true);
        thread.start();
        return task;
    }

    /** Writes the results as CSV, atomically. */
    public void exportCsv(Path file) throws IOException {
        byte[] csv = SweepCsv.write(spec, rows.get()).getBytes(StandardCharsets.UTF_8);
        try {
            AtomicOutput.write(file, out -> {
                out.write(csv);
                return null;
            });
        } catch (dev.lockscope.io.InputException e) {
            throw new IllegalStateException("no input is read while writing a CSV", e);
        }
    }

    private void chooseAndExport() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("sweep.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        var file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            try {
                exportCsv(file.toPath());
                status.setText("saved " + file.getName());
            } catch (IOException ex) {
                status.setText("could not save: " + ex.getMessage());
            }
        }
    }

    private void redraw() {
        SweepChartData data = SweepChartData.of(spec, rows.get(), metric.getValue());
        ((NumberAxis) chart.getXAxis()).setLabel(data.xLabel());
        ((NumberAxis) chart.getYAxis()).setLabel(metric.getValue().toString());
        chart.getData().clear();
        for (var e : data.series().entrySet()) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(e.getKey());
            for (SweepChartData.Point p : e.getValue()) {
                XYChart.Data<Number, Number> d = new XYChart.Data<>(p.x(), p.y());
                series.getData().add(d);
                d.nodeProperty().addListener((o, old, node) -> decorate(node, p));
            }
            chart.getData().add(series);
        }
    }

    private void decorate(javafx.scene.Node node, SweepChartData.Point p) {
        if (node == null) {
            return;
        }
        node.getStyleClass().add("sweep-point");
        node.setId("sweepPoint-" + p.cell().index());
        Tooltip.install(node, new Tooltip(describe(p.cell()) + "\n" + metric.getValue() + ": " + p.y()
                + "\nclick to open this run in the lab"));
        node.setOnMouseClicked(e -> open(p.cell()));
    }

    private void open(SweepSpec.Cell cell) {
        openInLab.accept(cell.scenario(spec.base(), spec.seeds().getFirst()));
    }

    private static String describe(SweepSpec.Cell cell) {
        StringBuilder sb = new StringBuilder("cell ").append(cell.index());
        cell.settings().forEach(s -> sb.append(", ").append(s.parameter()).append(" = ").append(s.value()));
        return sb.toString();
    }

    private void buildTable() {
        table.setId("sweepTable");
        table.getColumns().add(column("cell", r -> Integer.toString(r.cell().index())));
        table.getColumns().add(column("seed", r -> Long.toString(r.seed())));
        for (int a = 0; a < spec.axes().size(); a++) {
            int axis = a;
            table.getColumns().add(column(spec.axes().get(a).parameter(), r -> r.cell().settings().get(axis).value()));
        }
        for (SweepMetric m : SweepMetric.values()) {
            table.getColumns().add(column(m.toString(), r -> format(m.of(r.summary()))));
        }
        table.setRowFactory(tv -> {
            var row = new javafx.scene.control.TableRow<SweepRow>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openInLab.accept(row.getItem().cell().scenario(spec.base(), row.getItem().seed()));
                }
            });
            return row;
        });
    }

    private static TableColumn<SweepRow, String> column(String name, java.util.function.Function<SweepRow, String> f) {
        TableColumn<SweepRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cd -> new SimpleStringProperty(f.apply(cd.getValue())));
        return c;
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.3f", v);
    }
}
