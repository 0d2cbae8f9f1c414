package dev.lockscope.app.lab;

import dev.lockscope.app.lesson.LessonBar;
import dev.lockscope.app.replay.LoadedTrace;
import dev.lockscope.app.replay.TraceLoadTask;
import dev.lockscope.app.sweep.SweepView;
import dev.lockscope.app.timeline.TimelineView;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonJson;
import dev.lockscope.model.Command;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.LiveRun;
import dev.lockscope.run.SavePoint;
import dev.lockscope.run.Speed;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.sweep.SweepJson;
import dev.lockscope.sweep.SweepSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.concurrent.Task;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.controlsfx.control.Notifications;

/**
 * The lab's main window: menus and toolbar on top, the room on the left, the timeline in the centre over the
 * code and the alerts, the metrics on the right, a status bar below. It owns the {@link LabModel} and the
 * background executor for files; everything it does on the FX thread is quick.
 *
 * <p>Test hooks: {@link #model()}, and the file actions that take a path ({@link #openFile},
 * {@link #saveTrace}) so tests need no file chooser.
 */
public final class LabWindow {
    static final List<Speed> SPEEDS = List.of(Speed.of(0.1), Speed.of(0.25), Speed.of(0.5), Speed.of(1), Speed.of(2),
            Speed.of(5), Speed.of(10), Speed.of(25), Speed.of(50), Speed.of(100), Speed.MAX);
    private static final double BASE_FONT_PX = 13;

    private final Stage stage;
    private final LabSettings settings;
    private final LabModel model = new LabModel();
    private final ExecutorService files = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lockscope-files");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private final StackPane layers = new StackPane(root);
    private final StackPane timelineHolder = new StackPane();
    private final Label statusMessage = new Label();
    private final ProgressBar loadProgress = new ProgressBar();
    private final Button cancelLoad = new Button("Cancel");
    private final Menu recentMenu = new Menu("Open recent");
    private final Menu sampleMenu = new Menu("Open sample");
    private final Shortcuts shortcuts = new Shortcuts();
    private final SplitPane outer = new SplitPane();
    private final SplitPane middle = new SplitPane();
    private final SplitPane bottom = new SplitPane();
    // The default split positions: room | timeline and code | metrics; timeline over code; code | alerts.
    // Per window rather than static: arrays are mutable, and only this window passes them on (read only).
    private final double[] defaultOuterDividers = {0.285, 0.77};
    private final double[] defaultMiddleDividers = {0.62};
    private final double[] defaultBottomDividers = {0.55};
    /** The panels around the timeline; {@code null} until {@link #attachPanels} has built them. */
    private SidePanels panels;
    private final ReadOnlyBooleanWrapper panelsReady = new ReadOnlyBooleanWrapper(this, "panelsReady");
    private boolean presenting;
    private long firstFrameUptimeMs;
    private HelpOverlay help; // built when first shown
    private TimelineLink timeline;
    private Task<?> loading;
    private boolean darkTheme;
    private double fontScale;
    /** How much of a live run the timeline shows while it follows: enough to see a stall build up. */
    private static final long FOLLOW_SPAN_NS = 8_000_000_000L;
    private LessonBar lessonBar;
    private TimelineView timelineView;
    private int pendingNotes;
    private final PauseTransition noteThrottle = new PauseTransition(Duration.seconds(3));

    public LabWindow(Stage stage, LabSettings settings) {
        this.stage = stage;
        this.settings = settings;
        this.darkTheme = settings.darkTheme();
        this.fontScale = settings.fontScale();
        build();
    }

    public LabModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    // ---- building ----

    private void build() {
        TimelineView tv = new TimelineView();
        tv.setId("timeline");
        tv.storeProperty().bind(model.storeProperty());
        tv.playheadProperty().bindBidirectional(model.playheadProperty());
        tv.liveProperty().bind(model.sourceProperty().isEqualTo(LabModel.Source.LIVE));
        timelineView = tv;
        // A live run is followed from its start; a replay opens showing the whole trace.
        model.storeProperty().addListener((o, was, now) -> {
            if (model.sourceProperty().get() == LabModel.Source.LIVE) {
                tv.showRange(0, FOLLOW_SPAN_NS);
        tv.setFollow(true);
            } else {
                javafx.application.Platform.runLater(tv::fitAll);
            }
        });
        tv.setFollow(true);
        installTimeline(TimelineLink.of(tv, tv::selectAlert, tv::fitAll));
        middle.setOrientation(Orientation.VERTICAL);
        middle.getItems().add(timelineHolder);
        outer.getItems().add(middle);

        registerShortcuts();
        root.setTop(new VBox(menuBar(), toolBar()));
        lessonBar = new LessonBar(model.lessonProperty(), model::lessonNext, model::lessonBack);
        VBox.setVgrow(outer, javafx.scene.layout.Priority.ALWAYS);
        root.setCenter(new VBox(lessonBar, outer));
        model.lessonProperty().addListener((o, old, now) -> presentationMode(now != null));
        root.setBottom(statusBar());
        root.getStyleClass().add("lab-root");

        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(layers, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        shortcuts.install(scene);
        scene.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            if ("?".equals(e.getCharacter()) && !(scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl)) {
                help().toggle();
                e.consume();
            }
        });
        installDragAndDrop(scene);
        stage.setScene(scene);
        applyTheme();
        applyFontScale();
        stage.titleProperty().bind(Bindings.concat("Lockscope — ", model.titleProperty()));
        restoreBounds();
        stage.setOnHidden(e -> close());

        statusMessage.textProperty().bind(model.messageProperty());
        // Keyboard focus starts on the timeline, not in a text field, so Space and the letter keys work at once.
        timelineHolder.setFocusTraversable(true);
        stage.setOnShown(e -> timelineHolder.requestFocus());
        timelineHolder.setOnMouseClicked(e -> timelineHolder.requestFocus());
        model.setOnLiveAlerts(this::notifyAlerts);
        noteThrottle.setOnFinished(e -> flushNotes());
        attachPanelsAfterFirstFrame(scene);
    }

    /** The room, metrics, code and alerts panels: built after the first frame, then fixed. */
    private record SidePanels(RoomPanel room, MetricsPanel metrics, CodePanel code, AlertsPanel alerts) {}

    /**
     * The first frame shows the menus, the toolbar and the live timeline; the side panels join right after it.
     * Building and styling them (tables, sliders, spinners, charts: most of a cold start) before the first
     * frame would keep the window blank for much longer. The first pulse's post-layout listener queues the
     * build, which so runs once that pulse has handed its frame to the renderer: the renderer paints the frame
     * while this thread builds the panels, and the next pulse styles and lays them out.
     */
    private void attachPanelsAfterFirstFrame(Scene scene) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            Platform.runLater(() -> {
                firstFrameUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
                attachPanels();
            });
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    /**
     * JVM uptime in ms when the first frame went to the renderer, or 0 before that: the start-up figure the
     * lab reports.
     */
    public long firstFrameUptimeMs() {
        return firstFrameUptimeMs;
    }

    /** Builds the side panels and lays them out around the timeline (or leaves them out while presenting). */
    private void attachPanels() {
        panels = new SidePanels(new RoomPanel(model), new MetricsPanel(model), new CodePanel(model),
                new AlertsPanel(model, this::selectAlert));
        SplitPane.setResizableWithParent(panels.room(), false);
        SplitPane.setResizableWithParent(panels.metrics(), false);
        applyChartColors();
        middle.getItems().setAll(timelineHolder, bottom);
        layoutPanels(settings.dividers("outer", defaultOuterDividers),
                settings.dividers("bottom", defaultBottomDividers));
        middle.setDividerPositions(settings.dividers("middle", defaultMiddleDividers));
        panelsReady.set(true);
    }

    /** Puts the panels in the split panes: all of them, or, while a lesson is presented, only the code. */
    private void layoutPanels(double[] outerDividers, double[] bottomDividers) {
        if (panels == null) {
            return;
        }
        if (presenting) {
            outer.getItems().setAll(middle);
            bottom.getItems().setAll(panels.code());
        } else {
            outer.getItems().setAll(panels.room(), middle, panels.metrics());
            bottom.getItems().setAll(panels.code(), panels.alerts());
            outer.setDividerPositions(outerDividers);
            bottom.setDividerPositions(bottomDividers);
        }
    }

    /**
     * True once the side panels are in the window (one pulse after the first frame). Tests wait for it before
     * looking them up; nothing else depends on it.
     */
    public ReadOnlyBooleanProperty panelsReadyProperty() {
        return panelsReady.getReadOnlyProperty();
    }

    /** The shortcut overlay, built the first time it is asked for. */
    private HelpOverlay help() {
        if (help == null) {
            help = new HelpOverlay(shortcuts);
            layers.getChildren().add(help);
        }
        return help;
    }

    /**
     * Puts {@code link}'s node in the centre, replacing the placeholder. The timeline control drops in with:
     * <pre>{@code
     * TimelineView tv = new TimelineView();
     * tv.storeProperty().bind(window.model().storeProperty());          // a new store after each reset
     * tv.playheadProperty().bindBidirectional(window.model().playheadProperty());
     * window.installTimeline(TimelineLink.of(tv, tv::selectAlert, tv::fitAll));
     * }</pre>
     */
    public void installTimeline(TimelineLink link) {
        this.timeline = link;
        timelineHolder.getChildren().setAll(link.node());
    }

    private MenuBar menuBar() {
        Menu file = new Menu("File");
        MenuItem newItem = item("New from built-in scenario…", "Ctrl+N", e -> newFromBuiltin());
        MenuItem openScenario = item("Open scenario…", "Ctrl+Shift+O", e -> chooseAndOpen(true));
        MenuItem openTrace = item("Open trace…", "Ctrl+O", e -> chooseAndOpen(false));
        sampleMenu.setId("sampleMenu");
        sampleMenu.setOnShowing(e -> fillSamples());
        sampleMenu.getItems().add(new MenuItem("…"));
        recentMenu.setOnShowing(e -> fillRecent());
        recentMenu.getItems().add(new MenuItem("…"));
        MenuItem save = item("Save trace…", "Ctrl+S", e -> chooseAndSave());
        save.setId("saveTraceItem");
        MenuItem record = item("Record live run to…", "Ctrl+Shift+R", e -> chooseAndRecord());
        Menu export = new Menu("Export");
        MenuItem perfetto = item("Perfetto JSON…", null, e -> chooseAndExport(ExportFormat.PERFETTO));
        MenuItem csv = item("Intervals as CSV…", null, e -> chooseAndExport(ExportFormat.CSV));
        MenuItem png = item("Timeline as PNG…", "Ctrl+E", e -> chooseAndExportPng());
        export.getItems().addAll(perfetto, csv, png);
        MenuItem quit = item("Quit", "Ctrl+Q", e -> stage.close());
        file.getItems().addAll(newItem, openScenario, openTrace, sampleMenu, recentMenu, new SeparatorMenuItem(),
                save, record, export, new SeparatorMenuItem(), quit);

        Menu run = new Menu("Run");
        run.getItems().addAll(
                item("Play / pause  (Space)", null, e -> model.togglePlay()),
                item("Step to next event  (S)", null, e -> model.stepEvent()),
                item("Next alert  (A)", null, e -> nextAlert()),
                item("Previous alert  (Shift+A)", null, e -> previousAlert()),
                item("Faster  (])", null, e -> changeSpeed(1)),
                item("Slower  ([)", null, e -> changeSpeed(-1)),
                item("Reset", "Ctrl+R", e -> model.reset()),
                new SeparatorMenuItem(),
                item("What if from here  (W)", null, e -> model.whatIf(Optional.empty())));

        Menu view = new Menu("View");
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setAccelerator(KeyCombination.keyCombination("Shortcut+T"));
        dark.setSelected(darkTheme);
        dark.selectedProperty().addListener((o, was, on) -> {
            darkTheme = on;
            applyTheme();
        });
        CheckMenuItem notes = new CheckMenuItem("Alert notifications");
        notes.setSelected(settings.notifications());
        notes.selectedProperty().addListener((o, was, on) -> settings.setNotifications(on));
        view.getItems().addAll(dark,
                item("Larger text", "Shortcut+Equals", e -> scaleFont(1.1)),
                item("Smaller text", "Shortcut+Minus", e -> scaleFont(1 / 1.1)),
                item("Normal text size", "Shortcut+Digit0", e -> setFontScale(1)),
                notes,
                item("Fit timeline  (F)", null, e -> timeline.fitAll()));

        Menu lessons = new Menu("Lessons");
        lessons.setId("lessonMenu");
        for (BuiltinLessons.Entry e : BuiltinLessons.list()) {
            MenuItem it = new MenuItem(BuiltinLessons.byName(e.name()).map(Lesson::name).orElse(e.name()));
            it.setId("lesson-" + e.name());
            it.setOnAction(a -> startLesson(BuiltinLessons.byName(e.name()).orElseThrow()));
            lessons.getItems().add(it);
        }
        lessons.getItems().addAll(new SeparatorMenuItem(),
                item("Open lesson file…", null, e -> chooseAndOpenLesson()),
                item("Next step  (Page Down)", null, e -> model.lessonNext()),
                item("Previous step  (Page Up)", null, e -> model.lessonBack()),
                new SeparatorMenuItem(),
                item("Run a sweep…", null, e -> chooseAndRunSweep()));

        Menu helpMenu = new Menu("Help");
        helpMenu.getItems().add(item("Keyboard shortcuts", "F1", e -> help().toggle()));
        MenuBar bar = new MenuBar(file, run, view, lessons, helpMenu);
        bar.setId("menuBar");
        return bar;
    }

    private static MenuItem item(String text, String accelerator, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator.replace("Ctrl+", "Shortcut+")));
        }
        item.setOnAction(action);
        return item;
    }

    private ToolBar toolBar() {
        Button play = new Button();
        play.setId("playButton");
        play.textProperty().bind(Bindings.when(model.playingProperty()).then("❚❚ Pause").otherwise("▶ Play"));
        play.setOnAction(e -> model.togglePlay());
        play.setTooltip(new Tooltip("Play or pause (Space)"));
        play.setMinWidth(Region.USE_PREF_SIZE);
        Button step = new Button("Step");
        step.setId("stepButton");
        step.setOnAction(e -> model.stepEvent());
        step.setTooltip(new Tooltip("Step to the next event (S)"));
        Button prevAlert = new Button("◀ Prev alert");
        prevAlert.setId("prevAlertButton");
        prevAlert.setOnAction(e -> previousAlert());
        prevAlert.setTooltip(new Tooltip("Replay: jump to the previous alert (Shift+A)"));
        prevAlert.disableProperty().bind(model.sourceProperty().isNotEqualTo(LabModel.Source.REPLAY));
        Button nextAlert = new Button("Next alert ▶");
        nextAlert.setId("stepAlertButton");
        nextAlert.setOnAction(e -> nextAlert());
        nextAlert.setTooltip(new Tooltip("Run (live) or jump (replay) to the next alert (A)"));
        ComboBox<Speed> speed = new ComboBox<>();
        speed.setId("speedChoice");
        speed.getItems().setAll(SPEEDS);
        speed.valueProperty().bindBidirectional(model.speedProperty());
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Speed s) {
                return s == null ? "" : s.toString();
            }

            @Override
            public Speed fromString(String s) {
                return SPEEDS.stream().filter(x -> x.toString().equals(s)).findFirst().orElse(Speed.REAL_TIME);
            }
        });
        speed.setTooltip(new Tooltip("Virtual seconds per wall second ([ slower, ] faster)"));
        Button reset = new Button("⟲ Reset");
        reset.setId("resetButton");
        reset.setOnAction(e -> model.reset());
        reset.setTooltip(new Tooltip("Live: start the scenario again. Replay: back to the start (Ctrl+R)"));

        Label time = new Label();
        time.setId("timeLabel");
        time.getStyleClass().add("time-label");
        time.textProperty().bind(Bindings.createStringBinding(
                () -> Format.seconds(model.playheadProperty().get()) + " / " + Format.seconds(model.durationProperty().get()),
                model.playheadProperty(), model.durationProperty()));
        Label mode = new Label();
        mode.setId("modeLabel");
        mode.getStyleClass().add("mode-label");
        mode.textProperty().bind(Bindings.createStringBinding(this::modeText, model.sourceProperty(),
                model.runModeProperty(), model.playingProperty(), model.recordingProperty()));
        model.sourceProperty().addListener((o, old, s) -> styleMode(mode));
        model.runModeProperty().addListener((o, old, s) -> styleMode(mode));
        styleMode(mode);

        Slider scrubber = new Slider(0, 1, 0);
        scrubber.setId("scrubber");
        scrubber.setMinWidth(120);
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        scrubber.maxProperty().bind(Bindings.createDoubleBinding(() -> (double) model.durationProperty().get(),
                model.durationProperty()));
        boolean[] syncing = {false};
        model.playheadProperty().addListener((o, old, t) -> {
            syncing[0] = true;
            scrubber.setValue(t.doubleValue());
            syncing[0] = false;
        });
        scrubber.valueProperty().addListener((o, old, v) -> {
            if (!syncing[0] && model.sourceProperty().get() == LabModel.Source.REPLAY) {
                model.playheadProperty().set(v.longValue());
            }
        });
        scrubber.disableProperty().bind(model.sourceProperty().isNotEqualTo(LabModel.Source.REPLAY));
        scrubber.setTooltip(new Tooltip("Replay: drag to move the playhead (←/→ 1 s, Shift 10 s, Home/End)"));
        Button whatIf = new Button("What if from here");
        whatIf.setId("whatIfButton");
        whatIf.setOnAction(e -> model.whatIf(Optional.empty()));
        whatIf.setTooltip(new Tooltip("Continue live from the playhead: change anything in the room panel (W)"));
        whatIf.visibleProperty().bind(model.sourceProperty().isEqualTo(LabModel.Source.REPLAY));
        whatIf.managedProperty().bind(whatIf.visibleProperty());

        ToolBar bar = new ToolBar(play, step, prevAlert, nextAlert, new Label("Speed"), speed, reset,
                mode, time, scrubber, whatIf);
        bar.setId("labToolbar");
        return bar;
    }

    private String modeText() {
        if (model.sourceProperty().get() == LabModel.Source.REPLAY) {
            return model.playingProperty().get() ? "REPLAY · playing" : "REPLAY";
        }
        String rec = model.recordingProperty().get() != null ? " · ● REC" : "";
        return switch (model.runModeProperty().get()) {
            case PLAYING -> "LIVE" + rec;
            case SEEKING -> "LIVE · seeking" + rec;
            case PAUSED -> "LIVE · paused" + rec;
            case ENDED -> "ENDED";
            case FAILED -> "FAILED";
        };
    }

    private void styleMode(Label mode) {
        mode.getStyleClass().removeAll("mode-live", "mode-replay", "mode-ended");
        mode.getStyleClass().add(model.sourceProperty().get() == LabModel.Source.REPLAY ? "mode-replay"
                : model.runModeProperty().get() == LiveRun.Mode.ENDED || model.runModeProperty().get() == LiveRun.Mode.FAILED
                ? "mode-ended" : "mode-live");
    }

    private HBox statusBar() {
        statusMessage.setId("statusMessage");
        statusMessage.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(statusMessage, Priority.ALWAYS);
        loadProgress.setId("loadProgress");
        loadProgress.setPrefWidth(200);
        cancelLoad.setId("cancelLoadButton");
        cancelLoad.setOnAction(e -> {
            if (loading != null) {
                loading.cancel();
            }
        });
        loadProgress.setVisible(false);
        cancelLoad.setVisible(false);
        Label events = new Label();
        events.setId("eventsLabel");
        events.textProperty().bind(Bindings.createStringBinding(() -> model.statusProperty().get() == null ? ""
                : String.format("%,d events", model.statusProperty().get().events()), model.statusProperty()));
        Label hint = new Label("F1: shortcuts");
        hint.getStyleClass().add("hint");
        HBox bar = new HBox(10, statusMessage, loadProgress, cancelLoad, events, hint);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void registerShortcuts() {
        shortcuts.key(KeyCode.SPACE, "Play / pause", model::togglePlay)
                .key(KeyCode.N, "Step to the next event", model::stepEvent)
                .key(KeyCode.J, "Next alert (live: run to it; replay: jump to it)", this::nextAlert)
                .key(new KeyCodeCombination(KeyCode.J, KeyCombination.SHIFT_DOWN), "Previous alert (replay)", this::previousAlert)
                .key(KeyCode.CLOSE_BRACKET, "Faster", () -> changeSpeed(1))
                .key(KeyCode.OPEN_BRACKET, "Slower", () -> changeSpeed(-1))
                .key(KeyCode.M, "Speed: max", () -> model.speedProperty().set(Speed.MAX))
                .key(KeyCode.DIGIT1, "Strategy: sequential", () -> strategy(Strategy.SEQUENTIAL))
                .key(KeyCode.DIGIT2, "Strategy: goroutine-per-send", () -> strategy(Strategy.GOROUTINE_PER_SEND))
                .key(KeyCode.DIGIT3, "Strategy: parallel-wait", () -> strategy(Strategy.PARALLEL_WAIT))
                .key(KeyCode.DIGIT4, "Strategy: snapshot", () -> strategy(Strategy.SNAPSHOT))
                .key(KeyCode.DIGIT5, "Strategy: member-queue", () -> strategy(Strategy.MEMBER_QUEUE))
                .key(KeyCode.I, "What if from here (replay)", () -> model.whatIf(Optional.empty()))
                .key(KeyCode.LEFT, "Replay: playhead back 1 s", () -> nudge(-1_000_000_000L))
                .key(KeyCode.RIGHT, "Replay: playhead on 1 s", () -> nudge(1_000_000_000L))
                .key(new KeyCodeCombination(KeyCode.LEFT, KeyCombination.SHIFT_DOWN), "Replay: back 10 s", () -> nudge(-10_000_000_000L))
                .key(new KeyCodeCombination(KeyCode.RIGHT, KeyCombination.SHIFT_DOWN), "Replay: on 10 s", () -> nudge(10_000_000_000L))
                .key(new KeyCodeCombination(KeyCode.HOME, KeyCombination.SHORTCUT_DOWN), "Replay: to the start", () -> seekReplay(0))
                .key(new KeyCodeCombination(KeyCode.END, KeyCombination.SHORTCUT_DOWN), "Replay: to the end",
                        () -> seekReplay(model.durationProperty().get()))
                .listed("W / S", "Timeline: zoom in / out at the mouse (or the wheel, Ctrl+wheel)")
                .listed("A / D", "Timeline: pan left / right (or drag)")
                .listed("F / Home", "Timeline: fit the selection / the whole run")
                .listed("L or End", "Timeline: follow the live run again")
                .listed("Drag on the time axis", "Timeline: select a range and see its waits")
                .key(KeyCode.ESCAPE, "Close this help", () -> {
                    if (help != null) {
                        help.setVisible(false);
                    }
                })
                .key(KeyCode.PAGE_DOWN, "Lesson: next step (presenter remote)", model::lessonNext)
                .key(KeyCode.PAGE_UP, "Lesson: previous step (presenter remote)", model::lessonBack)
                .listed("F1 or ?", "Show or hide this help")
                .listed("Ctrl+N", "New run of a built-in scenario")
                .listed("Ctrl+Shift+O", "Open a scenario file (runs it live)")
                .listed("Ctrl+O", "Open a trace file (replay)")
                .listed("Ctrl+S", "Save the run as a trace")
                .listed("Ctrl+Shift+R", "Record the live run to a file as it runs")
                .listed("Ctrl+E", "Export the timeline as PNG")
                .listed("Ctrl+R", "Reset: live, start again; replay, back to the start")
                .listed("Ctrl+= / Ctrl+- / Ctrl+0", "Larger / smaller / normal text")
                .listed("Ctrl+T", "Light or dark theme");
    }

    // ---- actions ----

    /** Starts a lesson live, in presentation mode. */
    public void startLesson(Lesson lesson) {
        try {
            model.startLesson(lesson);
        } catch (InputException e) {
            showError("Cannot start lesson", e.getMessage());
        }
    }

    private void chooseAndOpenLesson() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open lesson");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Lesson (*.json)", "*.json"));
        lastDirectory().ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            openLesson(f.toPath());
        }
    }

    /** Reads a lesson file off the FX thread and starts it; a bad file shows the problem and changes nothing. */
    public Task<Lesson> openLesson(Path file) {
        Task<Lesson> task = new Task<>() {
            @Override
            protected Lesson call() throws InputException {
                return LessonJson.read(file);
            }
        };
        task.setOnSucceeded(e -> startLesson(task.getValue()));
        task.setOnFailed(e -> showError("Cannot open lesson", messageOf(task.getException())));
        files.execute(task);
        return task;
    }

    private void chooseAndRunSweep() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Run sweep");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Sweep (*.json)", "*.json"));
        lastDirectory().ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            openSweep(f.toPath());
        }
    }

    /** Reads a sweep file off the FX thread and opens the Sweep view on it; a point opens its run here. */
    public Task<SweepSpec> openSweep(Path file) {
        Task<SweepSpec> task = new Task<>() {
            @Override
            protected SweepSpec call() throws InputException {
                return SweepJson.read(file);
            }
        };
        task.setOnSucceeded(e -> {
            SweepView view = new SweepView(task.getValue(), scenario -> {
                try {
                    model.startLive(scenario, true);
                    stage.toFront();
                } catch (InputException ex) {
                    showError("Cannot run this cell", ex.getMessage());
                }
            });
            Stage window = new Stage();
            window.initOwner(stage);
            window.setTitle("Lockscope — sweep: " + task.getValue().name());
            window.setScene(new Scene(view, 1200, 720));
            window.getScene().getStylesheets().setAll(stage.getScene().getStylesheets());
            window.show();
            view.start();
        });
        task.setOnFailed(e -> showError("Cannot open sweep", messageOf(task.getException())));
        files.execute(task);
        return task;
    }

    /**
     * Presentation mode: the room, metrics and alert panels make way for the timeline and the code, and text
     * grows, for a projector; everything comes back when the lesson ends.
     */
    private void presentationMode(boolean on) {
        if (on == presenting) {
            return;
        }
        presenting = on;
        if (on) {
            setFontScale(Math.max(fontScale, 1.35));
        }
        layoutPanels(defaultOuterDividers, defaultBottomDividers);
    }

    private void strategy(Strategy s) {
        model.post(new Command.SetStrategy(s));
    }

    private void nudge(long deltaNs) {
        if (model.sourceProperty().get() == LabModel.Source.REPLAY) {
            seekReplay(model.playheadProperty().get() + deltaNs);
        }
    }

    private void seekReplay(long t) {
        if (model.sourceProperty().get() == LabModel.Source.REPLAY) {
            model.playheadProperty().set(Math.max(0, Math.min(model.durationProperty().get(), t)));
        }
    }

    private void nextAlert() {
        model.nextAlert().ifPresent(this::selectAlert);
    }

    private void previousAlert() {
        model.previousAlert().ifPresent(this::selectAlert);
    }

    /** Moves the timeline (and in a replay the playhead) to {@code alert} and selects it everywhere. */
    void selectAlert(TraceEvent.Alert alert) {
        if (model.sourceProperty().get() == LabModel.Source.REPLAY && model.playheadProperty().get() != alert.time()) {
            model.playheadProperty().set(alert.time());
        }
        if (panels != null) {
            panels.alerts().reveal(alert);
        }
        timeline.selectAlert(alert);
    }

    private void changeSpeed(int direction) {
        int i = SPEEDS.indexOf(model.speedProperty().get());
        int next = Math.max(0, Math.min(SPEEDS.size() - 1, (i < 0 ? 3 : i) + direction));
        model.speedProperty().set(SPEEDS.get(next));
    }

    /** Starts {@code scenario} live, playing. */
    public void startLive(Scenario scenario) {
        try {
            model.startLive(scenario, true);
            model.messageProperty().set("Running " + scenario.name() + " live");
        } catch (InputException e) {
            showError("Cannot run " + scenario.name(), e.getMessage());
        }
    }

    private void newFromBuiltin() {
        List<String> names = BuiltinScenarios.names();
        ChoiceDialog<String> dialog = new ChoiceDialog<>(names.getFirst(), names);
        dialog.initOwner(stage);
        dialog.setTitle("New run");
        dialog.setHeaderText("Run a built-in scenario live");
        dialog.setContentText("Scenario");
        dialog.setOnHidden(e -> {
            String name = dialog.getResult();
            if (name != null) {
                BuiltinScenarios.byName(name).ifPresent(this::startLive);
            }
        });
        dialog.show();
    }

    private void chooseAndOpen(boolean scenario) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(scenario ? "Open scenario" : "Open trace");
        chooser.getExtensionFilters().add(scenario
                ? new FileChooser.ExtensionFilter("Scenario (*.json)", "*.json")
                : new FileChooser.ExtensionFilter("Trace (*.jsonl, *.jsonl.gz, *.gz)", "*.jsonl", "*.gz"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*"));
        lastDirectory().ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showOpenDialog(stage);
        if (f != null) {
            if (scenario) {
                openScenario(f.toPath());
            } else {
                openTrace(f.toPath());
            }
        }
    }

    /** Opens a scenario ({@code .json}) to run live, or a trace (anything else) to replay; off the FX thread. */
    public void openFile(Path file) {
        if (isScenarioName(file)) {
            openScenario(file);
        } else {
            openTrace(file);
        }
    }

    static boolean isScenarioName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") && !name.endsWith(".jsonl");
    }

    /** Reads a scenario file off the FX thread and runs it live; a bad file gives an error dialog. */
    public void openScenario(Path file) {
        Task<Scenario> task = new Task<>() {
            @Override
            protected Scenario call() throws InputException {
                return ScenarioJson.read(file);
            }
        };
        task.setOnSucceeded(e -> {
            settings.addRecent(file);
            startLive(task.getValue());
        });
        task.setOnFailed(e -> showError("Cannot open scenario", messageOf(task.getException())));
        model.messageProperty().set("Reading " + file.getFileName() + "…");
        files.execute(task);
    }

    /** Reads a trace off the FX thread (progress and Cancel in the status bar), then replays it. */
    public void openTrace(Path file) {
        if (loading != null) {
            loading.cancel();
        }
        TraceLoadTask task = new TraceLoadTask(file);
        loading = task;
        loadProgress.progressProperty().bind(task.progressProperty());
        loadProgress.setVisible(true);
        cancelLoad.setVisible(true);
        model.messageProperty().set("Opening " + file.getFileName() + "…");
        task.setOnSucceeded(e -> {
            endLoading(task);
            LoadedTrace t = task.getValue();
            settings.addRecent(file);
            model.openTrace(t);
        });
        task.setOnFailed(e -> {
            endLoading(task);
            showError("Cannot open trace", messageOf(task.getException()));
        });
        task.setOnCancelled(e -> {
            endLoading(task);
            model.messageProperty().set("Stopped opening " + file.getFileName() + "; kept what was open");
        });
        files.execute(task);
    }

    private void endLoading(Task<?> task) {
        if (loading == task) {
            loading = null;
            loadProgress.progressProperty().unbind();
            loadProgress.setVisible(false);
            cancelLoad.setVisible(false);
        }
    }

    private void chooseAndSave() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save trace");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Compressed trace (*.jsonl.gz)", "*.jsonl.gz"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Trace (*.jsonl)", "*.jsonl"));
        Scenario s = model.scenarioProperty().get();
        chooser.setInitialFileName((s == null ? "run" : s.name()) + ".jsonl.gz");
        lastDirectory().ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            saveTrace(f.toPath());
        }
    }

    /**
     * Saves what is open as a trace, atomically, off the FX thread. A live run is cut after its current instant
     * ({@link SavePoint}); it keeps running.
     */
    public Task<Integer> saveTrace(Path file) {
        var point = model.savePoint();
        Task<Integer> task = new Task<>() {
            @Override
            protected Integer call() throws IOException, InterruptedException, ExecutionException {
                SavePoint p = point.get();
                p.writeTo(file);
                return p.events();
            }
        };
        task.setOnSucceeded(e -> {
            settings.addRecent(file);
            model.messageProperty().set(String.format("Saved %,d events to %s", task.getValue(), file));
        });
        task.setOnFailed(e -> showError("Cannot save trace", messageOf(task.getException())));
        files.execute(task);
        return task;
    }

    /** The trace exports: Chrome Trace Event JSON for Perfetto, and one CSV row per interval. */
    public enum ExportFormat {
        PERFETTO("Perfetto / Chrome trace JSON", "*.json", ".perfetto.json"),
        CSV("CSV, one row per interval", "*.csv", ".csv");

        final String description;
        final String glob;
        final String suffix;

        ExportFormat(String description, String glob, String suffix) {
            this.description = description;
            this.glob = glob;
            this.suffix = suffix;
        }
    }

    private void chooseAndExport(ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + format.description);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.description, format.glob));
        Scenario s = model.scenarioProperty().get();
        chooser.setInitialFileName((s == null ? "run" : s.name()) + format.suffix);
        lastDirectory().ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            exportTrace(format, f.toPath());
        }
    }

    /**
     * Exports what is open, off the FX thread: the run is saved to a temporary trace (a live run is cut after its
     * current instant, as Save does) and the exporter reads that, so exports and saved traces always agree.
     */
    public Task<Path> exportTrace(ExportFormat format, Path target) {
        var point = model.savePoint();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws Exception {
                Path temp = java.nio.file.Files.createTempFile("lockscope-export-", ".jsonl");
                try {
                    point.get().writeTo(temp);
                    switch (format) {
                        case PERFETTO -> dev.lockscope.trace.export.PerfettoExporter.export(temp, target);
                        case CSV -> dev.lockscope.trace.export.IntervalCsvExporter.export(temp, target);
                    }
                    return target;
                } finally {
                    java.nio.file.Files.deleteIfExists(temp);
                }
            }
        };
        task.setOnSucceeded(e -> model.messageProperty().set("Exported " + target));
        task.setOnFailed(e -> showError("Cannot export", messageOf(task.getException())));
        files.execute(task);
        return task;
    }

    private void chooseAndRecord() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Record live run to");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Compressed trace (*.jsonl.gz)", "*.jsonl.gz"));
        Scenario s = model.scenarioProperty().get();
        chooser.setInitialFileName((s == null ? "run" : s.name()) + "-recording.jsonl.gz");
        lastDirectory().ifPresent(chooser::setInitialDirectory);
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            Path file = f.toPath();
            model.startRecording(file).whenComplete((p, err) -> Platform.runLater(() -> {
                if (err != null) {
                    showError("Cannot record", messageOf(err));
                } else {
                    settings.addRecent(file);
                    model.messageProperty().set("Recording to " + file + " (flushed as it runs)");
                }
            }));
        }
    }

    private void chooseAndExportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export timeline as PNG");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("timeline.png");
        java.io.File f = chooser.showSaveDialog(stage);
        if (f != null) {
            exportPng(timeline.node(), f.toPath());
        }
    }

    /** Writes a snapshot of {@code node} as PNG; the picture is taken here, encoded off the FX thread. */
    public Task<Path> exportPng(Node node, Path file) {
        WritableImage image = node.snapshot(null, null);
        int[] pixels = Png.pixels(image);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        Task<Path> task = new Task<>() {
            @Override
            protected Path call() throws IOException {
                Png.write(pixels, w, h, file);
                return file;
            }
        };
        task.setOnSucceeded(e -> model.messageProperty().set("Exported " + file));
        task.setOnFailed(e -> showError("Cannot export", messageOf(task.getException())));
        files.execute(task);
        return task;
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        List<Path> recent = settings.recentFiles();
        if (recent.isEmpty()) {
            MenuItem none = new MenuItem("(none yet)");
            none.setDisable(true);
            recentMenu.getItems().add(none);
        }
        for (Path p : recent) {
            recentMenu.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), null, e -> openFile(p)));
        }
    }

    private void fillSamples() {
        sampleMenu.getItems().clear();
        List<Path> samples = sampleFiles();
        if (samples.isEmpty()) {
            MenuItem none = new MenuItem("(no sample-traces/ folder here)");
            none.setDisable(true);
            sampleMenu.getItems().add(none);
        }
        for (Path p : samples) {
            MenuItem item = item(p.getFileName().toString(), null, e -> openFile(p));
            item.setId("sample-" + p.getFileName());
            sampleMenu.getItems().add(item);
        }
    }

    /**
     * The files in {@code sample-traces/}: the directory named by the system property {@code lockscope.samples},
     * or found in the working directory or its parent.
     */
    public static List<Path> sampleFiles() {
        List<Path> dirs = new ArrayList<>();
        String configured = System.getProperty("lockscope.samples");
        if (configured != null) {
            dirs.add(Path.of(configured));
        } else {
            Path cwd = Path.of("").toAbsolutePath();
            dirs.add(cwd.resolve("sample-traces"));
            if (cwd.getParent() != null) {
                dirs.add(cwd.getParent().resolve("sample-traces"));
            }
        }
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> list = Files.list(dir)) {
                    return list.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".jsonl") || n.endsWith(".jsonl.gz") || n.endsWith(".json");
                    }).sorted().toList();
                } catch (IOException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    private Optional<java.io.File> lastDirectory() {
        return settings.recentFiles().stream().map(Path::getParent).filter(p -> p != null && Files.isDirectory(p))
                .map(Path::toFile).findFirst();
    }

    private void installDragAndDrop(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            var files = e.getDragboard().getFiles();
            boolean ok = files != null && !files.isEmpty();
            if (ok) {
                openFile(files.getFirst().toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    // ---- notifications and errors ----

    private void notifyAlerts(List<TraceEvent.Alert> alerts) {
        if (!settings.notifications() || !stage.isShowing()) {
            return;
        }
        pendingNotes += alerts.size();
        if (noteThrottle.getStatus() != javafx.animation.Animation.Status.RUNNING) {
            TraceEvent.Alert first = alerts.getFirst();
            pendingNotes -= 1;
            Notifications.create().owner(stage).title(first.kind().id() + " at " + Format.seconds(first.time()))
                    .text(first.summary()).hideAfter(Duration.seconds(4)).position(Pos.BOTTOM_RIGHT)
                    .onAction(e -> selectAlert(first)).showWarning();
            noteThrottle.playFromStart();
        }
    }

    private void flushNotes() {
        if (pendingNotes > 0 && stage.isShowing()) {
            Notifications.create().owner(stage).title(pendingNotes + " more alert" + (pendingNotes == 1 ? "" : "s"))
                    .text("See the alert list").hideAfter(Duration.seconds(3)).position(Pos.BOTTOM_RIGHT).showWarning();
        }
        pendingNotes = 0;
    }

    /** A non-blocking error dialog; the lab keeps what it had. */
    void showError(String title, String message) {
        model.messageProperty().set(title + ": " + message);
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(stage);
        alert.setTitle("Lockscope");
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("errorDialog");
        alert.getDialogPane().setMinWidth(520);
        alert.show();
    }

    private static String messageOf(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof ExecutionException || cause instanceof java.util.concurrent.CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InputException || cause instanceof IOException) {
            return cause.getMessage();
        }
        return String.valueOf(cause);
    }

    // ---- look and settings ----

    private void applyTheme() {
        Scene scene = stage.getScene();
        scene.getStylesheets().setAll(css("lab.css"));
        if (darkTheme) {
            scene.getStylesheets().add(css("dark.css"));
        }
        applyChartColors();
    }

    private void applyChartColors() {
        if (panels != null) {
            panels.metrics().setChartColors(darkTheme ? Color.web("#6ea8fe") : Color.web("#2f6fca"),
                    darkTheme ? Color.web("#ffc861") : Color.web("#e08a00"));
        }
    }

    private static String css(String name) {
        return LabWindow.class.getResource(name).toExternalForm();
    }

    private void scaleFont(double factor) {
        setFontScale(fontScale * factor);
    }

    private void setFontScale(double scale) {
        fontScale = Math.max(LabSettings.MIN_FONT_SCALE, Math.min(LabSettings.MAX_FONT_SCALE, scale));
        applyFontScale();
        model.messageProperty().set(String.format("Text size %.0f%%", fontScale * 100));
    }

    private void applyFontScale() {
        layers.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", BASE_FONT_PX * fontScale));
        if (timelineView != null) {
            timelineView.setScale(Math.max(0.5, Math.min(4, fontScale)));
        }
    }

    private void restoreBounds() {
        double[] b = settings.windowBounds();
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        if (b != null && screen.intersects(b[0], b[1], b[2], b[3])) {
            stage.setX(b[0]);
            stage.setY(b[1]);
            stage.setWidth(Math.min(b[2], screen.getWidth()));
            stage.setHeight(Math.min(b[3], screen.getHeight()));
        }
        stage.setMaximized(settings.maximized());
    }

    private void close() {
        model.shutdown();
        if (loading != null) {
            loading.cancel();
        }
        files.shutdownNow();
        settings.setDarkTheme(darkTheme);
        settings.setFontScale(fontScale);
        settings.setMaximized(stage.isMaximized());
        if (!stage.isMaximized()) {
            settings.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        if (panels != null && !presenting) { // otherwise the panes do not show the layout the user arranged
            settings.setDividers("outer", outer.getDividerPositions());
            settings.setDividers("middle", middle.getDividerPositions());
            settings.setDividers("bottom", bottom.getDividerPositions());
        }
        try {
            settings.save();
        } catch (IOException e) {
            System.err.println("lockscope: cannot save settings to " + settings.file() + ": " + e.getMessage());
        }
    }
}
