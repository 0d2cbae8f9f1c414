package dev.lockscope.app.lab;

import dev.lockscope.app.lesson.LessonBar;
import dev.lockscope.app.timeline.GoroutineRows;
import dev.lockscope.app.timeline.TimelineView;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonStep;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The lab's main window and its layout: menus and toolbar on top, the lesson strip, the room on the left, the
 * timeline in the centre over the code and the alerts, the metrics on the right, a status bar below, and the
 * shortcut help over everything. It builds these parts, places them in split panes ({@link SplitLayout} says where
 * their dividers go), and remembers the window's bounds. What the parts do is theirs: files ({@link FileOpener}, {@link RunSaver}),
 * lessons and sweeps ({@link LessonsAndSweeps}), the run ({@link RunControls}), the look ({@link LabLook}), and
 * the menus and keys, made from the {@link KeyMap} ({@link LabMenus}, {@link ShortcutKeys}, {@link LabActions}).
 *
 * <p>It owns the {@link LabModel} and the background executor for files, and ends both when the window closes.
 * Everything it does on the FX thread is quick. While a lesson is presented, only the timeline and the code show,
 * side by side, in larger text; leaving the lesson brings back the user's text size and layout. The window is never
 * smaller than {@value #MIN_WIDTH} × {@value #MIN_HEIGHT} and always opens on a screen.
 *
 * <p>Test hooks: {@link #model()}, {@link #opener()} and {@link #saver()}, whose file actions take a path, so that
 * tests need no file chooser.
 */
public final class LabWindow {
    /** How much of a live run the timeline shows while it follows: enough to see a stall build up. */
    private static final long FOLLOW_SPAN_NS = 8_000_000_000L;
    /** The smallest window that keeps the menus, the toolbar and a usable timeline (an old 800 × 600 projector). */
    static final double MIN_WIDTH = 800;
    static final double MIN_HEIGHT = 600;
    /** The narrowest timeline picture File ▸ Export writes: wide enough for a document, and for its legend. */
    static final double EXPORT_MIN_WIDTH = 1600;
    /** The text size while a lesson is presented, at least: readable from the back of a classroom. */
    static final double PRESENTING_SCALE = 1.35;

    private final Stage stage;
    private final LabSettings settings;
    private final LabModel model = new LabModel();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lockscope-files");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private final StackPane layers = new StackPane(root);
    private final StackPane timelineHolder = new StackPane();
    /** The timeline and, over it once asked for, the find bar: what the split panes place. */
    private final VBox timelineArea = new VBox(timelineHolder);
    private final SplitPane outer = new SplitPane();
    private final SplitPane middle = new SplitPane();
    private final SplitPane bottom = new SplitPane();
    /** The alert strip (with the panels) over the status bar. */
    private final VBox bottomBars = new VBox();
    /** The caption strip over the panes: what a presentation shows larger. */
    private final VBox center = new VBox();
    private final SplitLayout splits;
    private final FileOpener opener;
    private final RunSaver saver;
    private final LessonsAndSweeps lessons;
    private final LabLook look;
    /** The panels around the timeline; {@code null} until {@link #attachPanels} has built them. */
    private SidePanels panels;
    private final ReadOnlyBooleanWrapper panelsReady = new ReadOnlyBooleanWrapper(this, "panelsReady");
    private boolean presenting;
    private long firstFrameUptimeMs;
    private HelpOverlay help; // built when first shown
    private FindBar find; // built when first asked for
    private TimelineLink timeline;
    private TimelineView timelineView;

    public LabWindow(Stage stage, LabSettings settings) {
        this.stage = stage;
        this.settings = settings;
        splits = new SplitLayout(settings);
        defineArrangements();
        ErrorReporter errors = new ErrorReporter(stage, model);
        FileChoosers choosers = new FileChoosers(stage, settings);
        opener = new FileOpener(stage, model, settings, background, errors, choosers);
        saver = new RunSaver(stage, model, settings, background, errors, choosers);
        lessons = new LessonsAndSweeps(stage, model, background, errors, choosers);
        RunControls run = new RunControls(model, this::selectAlert);

        TimelineView tv = timelineView();
        timelineView = tv;
        VBox.setVgrow(timelineHolder, Priority.ALWAYS);
        installTimeline(TimelineLink.of(tv, tv::selectAlert, tv::fitAll, tv::clearSelection,
                () -> tv.exportImage(EXPORT_MIN_WIDTH)));
        middle.setOrientation(Orientation.VERTICAL);
        middle.getItems().add(timelineArea);
        outer.getItems().add(middle);
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(layers, Math.min(1400, screen.getWidth()), Math.min(900, screen.getHeight()));
        look = new LabLook(scene, tv, model.messageProperty(), settings);
        splits.setFontScale(look.contentScaleProperty().get());
        look.contentScaleProperty().addListener((o, was, scale) -> {
            splits.setFontScale(scale.doubleValue());
            splits.reapply(); // a larger text pushes dividers; smaller again, they come back
        });

        LabActions actions = new LabActions(model, run, opener, saver, look,
                new LabActions.Window(() -> help().toggle(), this::escape, () -> timeline, this::findBar, stage::close));
        root.setTop(new VBox(new LabMenus(model, actions::perform, opener, saver, lessons).build(look.themeProperty(), settings, splits::resetToDefaults, rowPerGoroutine(tv)),
                new LabToolBar(model, run)));
        LessonBar lessonBar = new LessonBar(model.lessonProperty(), model.playingProperty(), model::lessonNext,
                model::lessonBack);
        VBox.setVgrow(outer, Priority.ALWAYS);
        root.setCenter(center);
        center.getChildren().setAll(lessonBar, outer);
        model.lessonProperty().addListener((o, old, now) -> {
            presentationMode(now != null);
            restoreSubject();
            if (now != null && (old == null || old.reached() != now.reached())) {
                frameStep(tv, now.reachedAtNs());
            }
        });
        root.setBottom(bottomBars);
        bottomBars.getChildren().add(new LabStatusBar(model, opener.loadingProperty(), opener::cancelLoading));
        root.getStyleClass().add("lab-root");

        ShortcutKeys.install(scene, KeyMap.SHORTCUTS, actions::perform, tv);
        opener.acceptDrops(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.concat("Lockscope — ", model.titleProperty()));
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        restoreBounds();
        stage.setOnHidden(e -> close());

        // Keyboard focus starts on the timeline, not in a text field, so Space and the letter keys work at once.
        stage.setOnShown(e -> tv.requestFocus());
        attachPanelsAfterFirstFrame(scene);
    }

    public LabModel model() {
        return model;
    }

    public Stage stage() {
        return stage;
    }

    /** Opens scenarios and traces: File ▸ New, Open, the sample and recent menus, dropped files. */
    public FileOpener opener() {
        return opener;
    }

    /** Saves, records and exports what is open. */
    public RunSaver saver() {
        return saver;
    }

    /** Starts {@code scenario} live, playing. */
    public void startLive(Scenario scenario) {
        opener.startLive(scenario);
    }

    /** Starts a lesson live, in presentation mode. */
    public void startLesson(Lesson lesson) {
        lessons.startLesson(lesson);
    }

    // ---- building ----

    /** The timeline control, bound to the model: a live run is followed from its start, a replay fits the run. */
    private TimelineView timelineView() {
        TimelineView tv = new TimelineView();
        tv.setId("timeline");
        tv.storeProperty().bind(model.storeProperty());
        tv.playheadProperty().bindBidirectional(model.playheadProperty());
        tv.liveProperty().bind(model.sourceProperty().isEqualTo(LabModel.Source.LIVE));
        model.storeProperty().addListener((o, was, now) -> {
            if (model.sourceProperty().get() == LabModel.Source.LIVE) {
                tv.showRange(0, FOLLOW_SPAN_NS);
                tv.setFollow(true);
            } else {
                Platform.runLater(tv::fitAll);
            }
        });
        tv.setFollow(true);
        return tv;
    }

    /**
     * The room, metrics, code, details and alerts panels, the last two as tabs docked under the timeline: built after
     * the first frame, then fixed.
     */
    private record SidePanels(RoomPanel room, MetricsPanel metrics, CodePanel code, DetailsPanel details,
                              AlertsPanel alerts, TabPane tabs) {}

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
        DetailsPanel details = new DetailsPanel(timelineView, model.alertWords()::line);
        AlertsPanel alerts = new AlertsPanel(model, this::selectAlert);
        panels = new SidePanels(new RoomPanel(model), new MetricsPanel(model), new CodePanel(model), details, alerts,
                bottomTabs(details, alerts));
        SplitPane.setResizableWithParent(panels.room(), false);
        SplitPane.setResizableWithParent(panels.metrics(), false);
        look.styleCharts(panels.metrics());
        // Alerts come with the panels: no run has raised one by the first frame.
        bottomBars.getChildren().addFirst(new AlertStrip(model, this::selectAlert));
        model.setOnLiveAlerts(new AlertPopups(timelineHolder, settings, () -> presenting, this::selectAlert,
                model.alertWords()::headline)::onAlerts);
        layoutPanels();
        model.scenarioProperty().addListener((o, was, now) -> {
            if (was == null || now == null || !leftPanel(was).equals(leftPanel(now))) {
                layoutPanels();
            }
        });
        panelsReady.set(true);
    }

    /**
     * The window's arrangements and their default divider positions ({@link SplitLayout}). The side panels are as
     * wide as their content needs at the text size (in em), up to a share of the window, so that on a 1280 px
     * projector and a 1920 px screen alike the timeline gets the rest.
     */
    private void defineArrangements() {
        splits.define("lab", 2, (width, scale) -> {
            double em = 13 * scale;
            double room = Math.min(0.32 * width, 28.5 * em);
            double metrics = Math.min(0.27 * width, 24 * em);
            return new double[] {room / width, 1 - metrics / width};
        });
        // A script's panel keeps only its lock policy; a trace without a scenario has no panel on the left.
        splits.define("labScript", 2, (width, scale) -> {
            double em = 13 * scale;
            double script = Math.min(0.2 * width, 15 * em);
            double metrics = Math.min(0.27 * width, 24 * em);
            return new double[] {script / width, 1 - metrics / width};
        });
        splits.define("labTrace", 1, (width, scale) -> new double[] {1 - Math.min(0.27 * width, 24 * 13 * scale) / width});
        splits.define("timelineOverCode", 1, (height, scale) -> new double[] {0.6});
        splits.define("codeBesideTabs", 1, (width, scale) -> new double[] {0.64});
        splits.define("alertListOverReport", 1, (height, scale) -> new double[] {0.55});
        // Presenting: the timeline beside the code, so that it has the whole height the caption leaves.
        splits.define("presenting", 1, (width, scale) -> new double[] {1 - Math.min(0.38 * width, 33 * 13 * scale) / width});
    }

    /**
     * Puts the panels in the split panes: all of them, or, while a lesson is presented, the timeline beside the code
     * (so that the timeline keeps the whole height the caption strip leaves).
     */
    private void layoutPanels() {
        if (panels == null) {
            return;
        }
        if (presenting) {
            middle.getItems().setAll(timelineArea);
            outer.getItems().setAll(middle, panels.code());
            splits.show(outer, "presenting");
        } else {
            bottom.getItems().setAll(panels.code(), panels.tabs());
            middle.getItems().setAll(timelineArea, bottom);
            String left = leftPanel(model.scenarioProperty().get());
            if (left.equals("labTrace")) {
                outer.getItems().setAll(middle, panels.metrics());
            } else {
                outer.getItems().setAll(panels.room(), middle, panels.metrics());
            }
            splits.show(outer, left);
            splits.show(middle, "timelineOverCode");
            splits.show(bottom, "codeBesideTabs");
            splits.show(panels.alerts().split(), "alertListOverReport");
        }
    }

    /** The arrangement for what is open: a room, a script, or a trace no scenario made (no room panel). */
    private static String leftPanel(Scenario open) {
        if (open == null) {
            return "labTrace";
        }
        return open.body() instanceof RoomSpec ? "lab" : "labScript";
    }

    /**
     * True once the side panels are in the window (one pulse after the first frame). Tests wait for it before
     * looking them up; nothing else depends on it.
     */
    public ReadOnlyBooleanProperty panelsReadyProperty() {
        return panelsReady.getReadOnlyProperty();
    }

    /**
     * The selection's details and the alerts, as tabs beside the code. The alerts show first; a selection made on the
     * timeline itself (not from an alert) brings the details forward.
     */
    private TabPane bottomTabs(DetailsPanel details, AlertsPanel alerts) {
        Tab alertsTab = new Tab();
        alertsTab.setId("alertsTab");
        alertsTab.textProperty().bind(alerts.titleProperty());
        alerts.hideTitle();
        alertsTab.setContent(alerts);
        Tab detailsTab = new Tab("Details", details);
        detailsTab.setId("detailsTab");
        TabPane tabs = new TabPane(alertsTab, detailsTab);
        tabs.setId("bottomTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        timelineView.selectionProperty().addListener((o, was, now) -> {
            if (now != null && now.alert() == null) {
                tabs.getSelectionModel().select(detailsTab);
            }
        });
        return tabs;
    }

    /** The timeline's rows, one per goroutine or packed, from the settings and back to them. */
    private javafx.beans.property.BooleanProperty rowPerGoroutine(TimelineView tv) {
        javafx.beans.property.BooleanProperty on = new javafx.beans.property.SimpleBooleanProperty(settings.rowPerGoroutine());
        tv.setGoroutineRows(on.get() ? GoroutineRows.ONE_PER_GOROUTINE : GoroutineRows.PACKED);
        on.addListener((o, was, now) -> {
            tv.setGoroutineRows(now ? GoroutineRows.ONE_PER_GOROUTINE : GoroutineRows.PACKED);
            settings.setRowPerGoroutine(now);
        });
        return on;
    }

    /** The find bar over the timeline; built the first time it is asked for. */
    private FindBar findBar() {
        if (find == null) {
            find = new FindBar(timelineView, this::restoreSubject);
            timelineArea.getChildren().addFirst(find);
        }
        return find;
    }

    /**
     * When a lesson step comes up at {@code t}, the timeline shows what led to it: the last {@value #FOLLOW_SPAN_NS}
     * ns, or the whole run so far when it is younger (so that a step at 1.6 s is not a sliver at the left of an 8 s
     * view), with "now" near the right edge; then it follows the run at that span.
     */
    private static void frameStep(TimelineView tv, long t) {
        long span = Math.clamp(t + t / 10, 1_000_000_000L, FOLLOW_SPAN_NS);
        tv.showRange(t - span + span / 20, t + span / 20);
        tv.setFollow(true);
    }

    /** The timeline's subject when no search shows one: the rows the lesson's step talks about, or none. */
    private void restoreSubject() {
        var lesson = model.lessonProperty().get();
        timelineView.setSubject(lesson == null ? List.of() : lesson.current().map(LessonStep::show).orElse(List.of()));
    }

    /** The shortcut overlay, above everything; built the first time it is asked for. */
    private HelpOverlay help() {
        if (help == null) {
            help = new HelpOverlay(KeyMap.SHORTCUTS);
            layers.getChildren().add(help);
        }
        return help;
    }

    /**
     * Escape, in this order: closes the help if it shows; closes the find bar if the keyboard is in it; leaves a
     * text field (the timeline gets the keyboard); or clears the timeline's selection and time range.
     */
    private void escape() {
        Scene scene = stage.getScene();
        if (help != null && help.isVisible()) {
            help.hide();
        } else if (find != null && find.isOpen() && find.hasFocus()) {
            find.close();
        } else if (ShortcutKeys.isTyping(scene.getFocusOwner())) {
            timeline.node().requestFocus();
        } else {
            timeline.clearSelection();
        }
    }

    /**
     * Puts {@code link}'s node in the centre, replacing the placeholder. The timeline control drops in with:
     * <pre>{@code
     * TimelineView tv = new TimelineView();
     * tv.storeProperty().bind(window.model().storeProperty());          // a new store after each reset
     * tv.playheadProperty().bindBidirectional(window.model().playheadProperty());
     * window.installTimeline(TimelineLink.of(tv, tv::selectAlert, tv::fitAll, tv::clearSelection,
                () -> tv.exportImage(EXPORT_MIN_WIDTH)));
     * }</pre>
     */
    public void installTimeline(TimelineLink link) {
        this.timeline = link;
        timelineHolder.getChildren().setAll(link.node());
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
        look.present(on ? center : null, PRESENTING_SCALE);
        layoutPanels();
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

    // ---- the window's bounds and closing ----

    /**
     * The window's bounds from the settings, on a screen: a window saved on a larger or another screen is made to fit
     * the screen it (mostly) was on, or the primary one, and moved to lie on it whole.
     */
    private void restoreBounds() {
        double[] b = settings.windowBounds();
        if (b != null) {
            Rectangle2D screen = Screen.getScreensForRectangle(b[0], b[1], b[2], b[3]).stream().findFirst()
                    .orElse(Screen.getPrimary()).getVisualBounds();
            double w = Math.clamp(b[2], Math.min(MIN_WIDTH, screen.getWidth()), screen.getWidth());
            double h = Math.clamp(b[3], Math.min(MIN_HEIGHT, screen.getHeight()), screen.getHeight());
            stage.setWidth(w);
            stage.setHeight(h);
            stage.setX(Math.clamp(b[0], screen.getMinX(), screen.getMaxX() - w));
            stage.setY(Math.clamp(b[1], screen.getMinY(), screen.getMaxY() - h));
        }
        stage.setMaximized(settings.maximized());
    }

    private void close() {
        model.shutdown();
        opener.cancelLoading();
        background.shutdownNow();
        look.remember();
        settings.setMaximized(stage.isMaximized());
        if (!stage.isMaximized()) {
            settings.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        splits.remember();
        try {
            settings.save();
        } catch (IOException e) {
            System.err.println("lockscope: cannot save settings to " + settings.file() + ": " + e.getMessage());
        }
    }
}
