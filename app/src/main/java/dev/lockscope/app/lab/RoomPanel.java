package dev.lockscope.app.lab;

import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.MemberStatus;
import dev.lockscope.run.RunStatus;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.StrategySpec;
import dev.lockscope.util.Millis;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;

/**
 * The room: its members (latency, jitter, state, delivery p99, order violations), an editor for the selected
 * member, and the broadcast strategy, lock semantics and broadcast period. Every change is a {@link Command}
 * posted through {@link LabModel#post}, so it is applied live and recorded.
 */
final class RoomPanel extends VBox {
    /** What "make slow" sets a member's latency to: slower than the article's eve. */
    static final long SLOW_NS = 2_000_000_000L;
    private static final double SLIDER_MAX_MS = 3000;

    private final LabModel model;
    private final ObservableList<MemberStatus> members = FXCollections.observableArrayList();
    private final TableView<MemberStatus> table = new TableView<>(members);
    private final Label selectedName = new Label("Select a member");
    private final Slider latencySlider = new Slider(0, SLIDER_MAX_MS, 0);
    private final TextField latencyField = new TextField();
    private final TextField jitterField = new TextField();
    private final SegmentedButton strategyToggle = new SegmentedButton();
    private final ComboBox<LockSemantics> lockChoice = new ComboBox<>();
    private final Spinner<Integer> periodSpinner = new Spinner<>();
    private final VBox roomOnly;
    private final Label title = new Label("Room");
    /** The strategy switch and the broadcast period: a room's; the lock policy row stays for a script too. */
    private final List<Node> strategyOnly = new ArrayList<>();
    private boolean updating;
    /** The node id of the switch's button for the room's own strategy program. */
    static final String OWN_STRATEGY_ID = "strategy-own";
    /** The id of the strategy the switch shows: a built-in's or the room's own program's. */
    private String shownStrategy;

    RoomPanel(LabModel model) {
        this.model = model;
        getStyleClass().addAll("panel", "room-panel");
        setId("roomPanel");
        title.getStyleClass().add("panel-title");

        buildTable();
        VBox editor = buildEditor();
        HBox buttons = buildButtons();
        VBox strategy = buildStrategy();
        roomOnly = new VBox(8, table, editor, buttons);
        getChildren().addAll(title, roomOnly, strategy);

        model.statusProperty().addListener((o, old, s) -> showStatus(s));
        model.scenarioProperty().addListener((o, old, s) -> enableFor(s));
        model.storeProperty().addListener((o, old, s) -> clearRefused()); // a reset or another run
        // The lab may build this panel after the run has started: show what is open now.
        enableFor(model.scenarioProperty().get());
        showStatus(model.statusProperty().get());
        table.getSelectionModel().selectedItemProperty().addListener((o, old, m) -> showSelected(m));
    }

    /**
     * Room controls only make sense for a room scenario: a script has no members or strategy, so for one the panel
     * keeps only its lock policy (and the lab narrows it).
     */
    private void enableFor(Scenario s) {
        boolean room = s == null || s.body() instanceof RoomSpec;
        showOwnStrategy(s != null && s.body() instanceof RoomSpec r ? r.ownStrategy() : null);
        title.setText(room ? "Room" : "Script");
        roomOnly.setVisible(room);
        roomOnly.setManaged(room);
        for (Node n : strategyOnly) {
            n.setVisible(room);
            n.setManaged(room);
        }
        roomOnly.setDisable(s == null);
        strategyToggle.setDisable(s == null);
        periodSpinner.setDisable(s == null);
    }

    /** The switch lists the room's own strategy program after the built-ins, or no sixth button without one. */
    private void showOwnStrategy(StrategySpec own) {
        var buttons = strategyToggle.getButtons();
        buttons.removeIf(b -> OWN_STRATEGY_ID.equals(b.getId()));
        if (own != null) {
            ToggleButton b = new ToggleButton(own.id());
            b.setId(OWN_STRATEGY_ID);
            b.setUserData(own.id());
            b.setTooltip(new Tooltip(own.id() + ": the scenario's own strategy program"
                    + (own.description().isEmpty() ? "" : ". " + own.description())));
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.setSelected(own.id().equals(shownStrategy));
            buttons.add(b);
        }
    }

    private void buildTable() {
        table.setId("memberTable");
        // Columns as wide as their contents need, in em, following the text size; a constrained policy would fix
        // their widths at the first layout and cut "1800 ± 100" when the text grows.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("No members"));
        table.getColumns().add(column("Name", "The member's name", MemberStatus::name, 3.6));
        table.getColumns().add(column("Latency ms", "How long one send to the member takes, ± its jitter (each send adds "
                + "a uniform draw from ±jitter), ms", RoomPanel::latency, 7.7));
        table.getColumns().add(column("State", "in room, sending, reloading, joining, leaving, left",
                m -> m.state().label(), 5.9));
        table.getColumns().add(column("p99 ms", "99th percentile of the member's delivery latency (broadcast start to "
                + "delivery), whole run, ms", m -> m.delivered() == 0 ? "–" : String.valueOf(Math.round(m.deliveryP99Ms())), 4.3));
        table.getColumns().add(column("Reord", "Reordered (order violations): messages delivered after a newer one",
                m -> String.valueOf(m.orderViolations()), 3.7));
        // As tall as its rows (five members, or up to ten), so that nobody is below the fold and no blank rows show.
        table.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> (Math.clamp(members.size(), 3, 10) + 1.25) * table.getFixedCellSize() + 3,
                members, table.fixedCellSizeProperty()));
        table.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        table.getStyleClass().add("member-table");
        table.setRowFactory(tv -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(MemberStatus m, boolean empty) {
                super.updateItem(m, empty);
                getStyleClass().removeAll("member-slow", "member-left", "member-reloading");
                if (!empty && m != null) {
                    if (m.latencyNs() >= 1_000_000_000L) {
                        getStyleClass().add("member-slow");
                    }
                    if (m.state() == MemberStatus.State.LEFT) {
                        getStyleClass().add("member-left");
                    } else if (m.state() == MemberStatus.State.RELOADING) {
                        getStyleClass().add("member-reloading");
                    }
                }
            }
        });
    }

    /** {@code 1800 ± 100}, or {@code 20} without jitter. */
    static String latency(MemberStatus m) {
        return Millis.number(m.latencyNs()) + (m.jitterNs() == 0 ? "" : " ± " + Millis.number(m.jitterNs()));
    }

    /** A column {@code em} wide at the current text size (it follows the text size). */
    private TableColumn<MemberStatus, String> column(String name, String tip, Function<MemberStatus, String> value,
            double em) {
        TableColumn<MemberStatus, String> c = new TableColumn<>();
        Label header = new Label(name);
        header.setTooltip(new Tooltip(tip));
        header.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        c.setGraphic(header);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.prefWidthProperty().bind(table.fixedCellSizeProperty().multiply(em / 1.9)); // the cell is 1.9 em high
        c.setSortable(false);
        c.setReorderable(false);
        return c;
    }

    private VBox buildEditor() {
        selectedName.getStyleClass().add("member-editor-title");
        latencySlider.setId("latencySlider");
        latencySlider.setMajorTickUnit(1000);
        latencySlider.setMinorTickCount(3);
        latencySlider.setShowTickMarks(true);
        latencySlider.setShowTickLabels(true);
        latencySlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return String.format(Locale.ROOT, "%.0fs", v / 1000);
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        HBox.setHgrow(latencySlider, Priority.ALWAYS);
        latencySlider.setOnMouseReleased(e -> applyLatency(latencySlider.getValue()));
        latencySlider.setOnKeyReleased(e -> applyLatency(latencySlider.getValue()));
        latencySlider.valueProperty().addListener((o, old, v) -> {
            if (!updating) {
                latencyField.setText(Millis.number(Math.round(v.doubleValue() * 1e6)));
            }
        });
        latencyField.setId("latencyField");
        latencyField.setPrefColumnCount(5);
        latencyField.setOnAction(e -> parseMs(latencyField, "Latency").ifPresent(this::applyLatency));
        Tooltip.install(latencyField, new Tooltip("Latency of one send to this member, in ms (Enter applies)"));
        jitterField.setId("jitterField");
        jitterField.setPrefColumnCount(5);
        latencySlider.setMinWidth(60);
        jitterField.setOnAction(e -> parseMs(jitterField, "Jitter").ifPresent(this::applyJitter));
        Tooltip.install(jitterField, new Tooltip("Each send adds a uniform draw from ±jitter, in ms (Enter applies)"));

        GridPane grid = new GridPane();
        grid.getStyleClass().add("member-editor");
        Label latencyLabel = fixed(new Label("Latency"));
        Label jitterLabel = fixed(new Label("Jitter"));
        grid.addRow(0, latencyLabel, latencyField, fixed(new Label("ms")), latencySlider);
        grid.addRow(1, jitterLabel, jitterField, fixed(new Label("ms")));
        GridPane.setHgrow(latencySlider, Priority.ALWAYS);
        latencyField.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        jitterField.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        selectedName.setWrapText(true);
        selectedName.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox box = new VBox(4, selectedName, grid);
        box.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        return box;
    }

    /** A label never narrower than its text. */
    private static Label fixed(Label label) {
        label.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return label;
    }

    private HBox buildButtons() {
        Button add = new Button("Add member…");
        add.setId("addMemberButton");
        add.setOnAction(e -> addMember());
        Button remove = new Button("Remove");
        remove.setId("removeMemberButton");
        remove.setOnAction(e -> selected().ifPresent(m -> model.post(new Command.Leave(m.name()))));
        Button slow = new Button("Make slow");
        slow.setId("makeSlowButton");
        slow.setTooltip(new Tooltip("Sets the selected member's latency to " + Millis.figure(SLOW_NS / 1e6)));
        slow.setOnAction(e -> selected().ifPresent(m -> model.post(new Command.SetMember(m.name(),
                OptionalLong.of(SLOW_NS), OptionalLong.empty()))));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        slow.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        HBox box = new HBox(6, add, remove, slow);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private VBox buildStrategy() {
        strategyToggle.setId("strategyToggle");
        for (Strategy s : Strategy.values()) {
            ToggleButton b = new ToggleButton(shortName(s));
            b.setId("strategy-" + s.id());
            b.setUserData(s.id());
            b.setTooltip(new Tooltip(s.id() + " (key " + KeyMap.keysOf(keyOf(s)) + ")"));
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            strategyToggle.getButtons().add(b);
        }
        strategyToggle.getToggleGroup().selectedToggleProperty().addListener((o, old, t) -> {
            if (updating) {
                return;
            }
            if (t == null) { // a click on the selected button would leave none selected
                updating = true;
                strategyToggle.getToggleGroup().selectToggle(old);
                updating = false;
                return;
            }
            String chosen = (String) t.getUserData();
            if (!chosen.equals(shownStrategy)) { // the skin may re-select the shown one; that is no change to post
                shownStrategy = chosen;
                model.post(new Command.SetStrategy(chosen));
            }
        });
        strategyToggle.getStyleClass().add(SegmentedButton.STYLE_CLASS_DARK);

        lockChoice.setId("lockChoice");
        lockChoice.getItems().setAll(LockSemantics.values());
        lockChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(LockSemantics s) {
                return s == null ? "" : s.id();
            }

            @Override
            public LockSemantics fromString(String s) {
                return LockSemantics.ofId(s);
            }
        });
        lockChoice.valueProperty().addListener((o, old, s) -> {
            if (!updating && s != null && s != old) {
                model.post(new Command.SetLock(s));
            }
        });

        periodSpinner.setId("periodSpinner");
        periodSpinner.setEditable(true);
        periodSpinner.setPrefWidth(100);
        periodSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(10, 10_000, 500, 50));
        periodSpinner.valueProperty().addListener((o, old, v) -> {
            if (!updating && v != null) {
                model.post(new Command.SetBroadcastPeriod(v * 1_000_000L));
            }
        });

        Label strategyLabel = new Label("Broadcast strategy");
        strategyLabel.getStyleClass().add("section-title");
        GridPane grid = new GridPane();
        grid.getStyleClass().add("room-settings");
        Label lockLabel = new Label("Lock");
        lockLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.addRow(0, lockLabel, lockChoice);
        Label periodLabel = new Label("Broadcast every");
        HBox period = new HBox(4, periodSpinner, new Label("ms"));
        grid.addRow(1, periodLabel, period);
        strategyOnly.addAll(List.of(strategyLabel, strategyToggle, periodLabel, period));
        return new VBox(6, strategyLabel, strategyToggle, grid);
    }

    private static KeyMap.Action keyOf(Strategy s) {
        return switch (s) {
            case SEQUENTIAL -> KeyMap.Action.STRATEGY_SEQUENTIAL;
            case GOROUTINE_PER_SEND -> KeyMap.Action.STRATEGY_GOROUTINE_PER_SEND;
            case PARALLEL_WAIT -> KeyMap.Action.STRATEGY_PARALLEL_WAIT;
            case SNAPSHOT -> KeyMap.Action.STRATEGY_SNAPSHOT;
            case MEMBER_QUEUE -> KeyMap.Action.STRATEGY_MEMBER_QUEUE;
        };
    }

    static String shortName(Strategy s) {
        return switch (s) {
            case SEQUENTIAL -> "sequential";
            case GOROUTINE_PER_SEND -> "per-send";
            case PARALLEL_WAIT -> "par+wait";
            case SNAPSHOT -> "snapshot";
            case MEMBER_QUEUE -> "queue";
        };
    }

    private Optional<MemberStatus> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void applyLatency(double ms) {
        selected().ifPresent(m -> {
            long ns = Math.round(ms * 1_000_000);
            if (ns != m.latencyNs()) {
                model.post(new Command.SetMember(m.name(), OptionalLong.of(ns), OptionalLong.empty()));
            }
        });
    }

    private void applyJitter(double ms) {
        selected().ifPresent(m -> model.post(new Command.SetMember(m.name(), OptionalLong.empty(),
                OptionalLong.of(Math.round(ms * 1_000_000)))));
    }

    /** The most a latency or jitter field takes, in ms: an hour, far beyond any network a lesson needs. */
    static final long MAX_MS = 3_600_000;

    /**
     * A number of ms from 0 to {@value #MAX_MS} from a field; otherwise the field is marked invalid (and keeps the
     * keyboard) and the status bar says which rule the text broke: not a number, negative, or over the limit.
     */
    private Optional<Double> parseMs(TextField field, String what) {
        String text = field.getText().strip();
        String problem;
        double v = Double.NaN;
        try {
            v = new BigDecimal(text).doubleValue();
            problem = v < 0 ? "expected 0 ms or more, got " + text
                    : v > MAX_MS ? String.format(Locale.ROOT, "at most %,d ms (an hour), got %s", MAX_MS, text) : null;
        } catch (NumberFormatException e) {
            problem = "expected a number of milliseconds, got \"" + field.getText() + "\"";
        }
        if (problem != null) {
            if (!field.getStyleClass().contains(ShortcutKeys.INVALID)) {
                field.getStyleClass().add(ShortcutKeys.INVALID);
            }
            model.messageProperty().set(what + ": " + problem);
            return Optional.empty();
        }
        field.getStyleClass().remove(ShortcutKeys.INVALID);
        return Optional.of(v);
    }

    /** Forgets a refused value: the fields show the member again, unmarked (a reset, another run). */
    private void clearRefused() {
        latencyField.getStyleClass().remove(ShortcutKeys.INVALID);
        jitterField.getStyleClass().remove(ShortcutKeys.INVALID);
        showSelected(selected().orElse(null));
    }

    private void addMember() {
        Dialog<Command.Join> dialog = new Dialog<>();
        dialog.setTitle("Add member");
        dialog.setHeaderText("A new member joins: an Add goroutine takes the write lock.");
        dialog.initOwner(getScene().getWindow());
        TextField name = new TextField(freeName());
        name.setId("newMemberName");
        TextField latency = new TextField("50");
        latency.setId("newMemberLatency");
        TextField jitter = new TextField("5");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Name"), name);
        grid.addRow(1, new Label("Latency (ms)"), latency);
        grid.addRow(2, new Label("Jitter (ms)"), jitter);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            Optional<Double> l = parseMs(latency, "Latency");
            Optional<Double> j = parseMs(jitter, "Jitter");
            if (name.getText().isBlank() || l.isEmpty() || j.isEmpty()) {
                return null;
            }
            return new Command.Join(name.getText().strip(), Math.round(l.get() * 1e6), Math.round(j.get() * 1e6));
        });
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != null) {
                model.post(dialog.getResult());
            }
        });
        dialog.show();
        name.requestFocus();
    }

    private String freeName() {
        List<String> taken = members.stream().map(MemberStatus::name).toList();
        for (String n : List.of("fay", "gus", "hal", "ivy", "jo", "kim", "lou", "max", "ned", "ola")) {
            if (!taken.contains(n)) {
                return n;
            }
        }
        return "m" + (taken.size() + 1);
    }

    private void showStatus(RunStatus s) {
        if (s == null) {
            return;
        }
        updating = true;
        try {
            if (!members.equals(s.members())) {
                String keep = selected().map(MemberStatus::name)
                        .orElse(s.members().isEmpty() ? null : s.members().getFirst().name());
                members.setAll(s.members());
                if (keep != null) {
                    for (MemberStatus m : members) {
                        if (m.name().equals(keep)) {
                            table.getSelectionModel().select(m);
                        }
                    }
                }
            }
            String strategy = s.strategyId().orElse(null);
            if (!java.util.Objects.equals(strategy, shownStrategy)) {
                shownStrategy = strategy;
                strategyToggle.getButtons().forEach(b -> b.setSelected(b.getUserData().equals(strategy)));
            }
            s.lock().filter(lock -> lock != lockChoice.getValue()).ifPresent(lockChoice::setValue);
            int period = (int) (s.broadcastPeriodNs() / 1_000_000);
            if (period > 0 && !periodSpinner.getEditor().isFocused() && periodSpinner.getValue() != period) {
                periodSpinner.getValueFactory().setValue(period);
            }
        } finally {
            updating = false;
        }
    }

    private void showSelected(MemberStatus m) {
        if (m == null) {
            selectedName.setText("Select a member");
            return;
        }
        selectedName.setText(m.name() + " — " + m.state().label() + ", " + m.delivered() + " delivered");
        boolean wasUpdating = updating;
        updating = true;
        try {
            if (!latencySlider.isValueChanging()) {
                latencySlider.setValue(Math.min(SLIDER_MAX_MS, m.latencyNs() / 1e6));
            }
            if (!latencyField.isFocused()) {
                latencyField.setText(Millis.number(m.latencyNs()));
            }
            if (!jitterField.isFocused()) {
                jitterField.setText(Millis.number(m.jitterNs()));
            }
        } finally {
            updating = wasUpdating;
        }
    }
}
