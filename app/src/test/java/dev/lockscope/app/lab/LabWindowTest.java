package dev.lockscope.app.lab;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.LiveRun;
import dev.lockscope.run.MemberStatus;
import dev.lockscope.run.Metric;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The lab as a user drives it, on the real window (headless Monocle in CI): the article starts live; the tests
 * pause it and move it deterministically with {@link LiveRun#runTo}, then click and read the panels by id.
 */
@ExtendWith(ApplicationExtension.class)
class LabWindowTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path home;
    private static Path samples;

    private LabWindow window;

    @BeforeAll
    static void settingsAndSamplesInATemporaryPlace() throws Exception {
        Path settings = Files.createDirectories(home.resolve("settings"));
        // Notification popups fall outside Monocle's headless framebuffer; the alert list is what is checked.
        Files.writeString(settings.resolve("settings.properties"), "notifications=false\n");
        System.setProperty("lockscope.home", settings.toString());
        samples = Files.createDirectories(home.resolve("sample-traces"));
        System.setProperty("lockscope.samples", samples.toString());
        Files.copy(Path.of(System.getProperty("lockscope.repo", ".."), "sample-traces", "README.md"), samples.resolve("README.md"));
        Scenario article = BuiltinScenarios.byName("article").orElseThrow();
        try (TraceWriter writer = TraceWriter.atomic(samples.resolve("article.jsonl.gz"), article)) {
            Simulation.run(article, writer);
        }
    }

    @Start
    void start(Stage stage) {
        window = LabFixture.start(stage);
    }

    /** The side panels join one pulse after the first frame; every test reads them. */
    @BeforeEach
    void panelsInTheWindow() throws Exception {
        LabFixture.awaitPanels(window);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    /** Restarts the live run paused, takes it to {@code t}, and waits until the panels show that instant. */
    private void liveFromStartTo(long t) throws Exception {
        LiveRun run = window.model().liveRun();
        run.pause();
        run.reset();
        liveAt(t);
    }

    /** Pauses the live run and takes it on to {@code t}, then waits until the panels show that instant. */
    private void liveAt(long t) throws Exception {
        LiveRun run = window.model().liveRun();
        run.pause();
        run.runTo(t);
        waitFor(() -> run.snapshot().mode() == LiveRun.Mode.PAUSED && run.snapshot().nowNs() == t);
        waitFor(() -> window.model().statusProperty().get() != null
                && window.model().statusProperty().get().nowNs() == t);
    }

    private static double ms(FxRobot robot, String id) {
        String text = robot.lookup(id).queryAs(Label.class).getText();
        return Double.parseDouble(text.replace(" ms", "").replace(",", ""));
    }

    @Test
    void startsTheArticleLive(FxRobot robot) throws Exception {
        waitFor(() -> window.model().playheadProperty().get() > 0);
        assertThat(window.stage().getTitle()).contains("article");
        assertThat(window.model().sourceProperty().get()).isEqualTo(LabModel.Source.LIVE);
        assertThat(robot.lookup("#timeline").tryQuery()).isPresent();
        assertThat(robot.lookup("#strategy-sequential").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void switchingToGoroutinePerSendMakesAddWaitP99Drop(FxRobot robot) throws Exception {
        liveFromStartTo(25 * S);
        double stalled = ms(robot, "#metricAddP99");
        assertThat(stalled).isGreaterThan(100);

        robot.clickOn("#strategy-goroutine-per-send");
        waitFor(() -> window.model().statusProperty().get().strategy().orElseThrow() == Strategy.GOROUTINE_PER_SEND);
        liveAt(40 * S);
        assertThat(ms(robot, "#metricAddP99")).isZero();
        assertThat(ms(robot, "#metricRemoveP99")).isZero();
        assertThat(ms(robot, "#metricAddP99Run")).isGreaterThan(100); // the whole run remembers the stall
        assertThat(robot.lookup("#code-Room-Broadcast-func1-m-Send-msg-").tryQuery()).isPresent();
    }

    @Test
    void makingAMemberSlowRaisesALongWaitAlert(FxRobot robot) throws Exception {
        liveFromStartTo(S);
        TableView<MemberStatus> table = robot.lookup("#memberTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(0));
        assertThat(table.getSelectionModel().getSelectedItem().name()).isEqualTo("ann");
        robot.clickOn("#makeSlowButton");
        waitFor(() -> window.model().statusProperty().get().members().getFirst().latencyNs() == RoomPanel.SLOW_NS);
        liveAt(4900 * 1_000_000L); // before eve joins at 5 s: any alert is ann's doing

        ListView<TraceEvent.Alert> alerts = robot.lookup("#alertList").queryListView();
        assertThat(alerts.getItems()).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.LONG_WAIT);
            assertThat(a.time()).isLessThan(5 * S);
        });
        assertThat(robot.lookup("#metricAlertsRun").queryAs(Label.class).getText()).isNotEqualTo("0");
    }

    @Test
    void openASampleTraceAndScrubToAnAlert(FxRobot robot) throws Exception {
        robot.clickOn("File").clickOn("Open sample");
        // The sample's item: its file name over its description (from sample-traces/README.md), in the shown menu.
        javafx.scene.Node sample = robot.lookup((javafx.scene.Node n) -> "sample-article.jsonl.gz".equals(n.getId())
                && n.getScene() != null && n.getScene().getWindow().isShowing()).query();
        assertThat(robot.from(sample).lookup(".sample-description").queryAs(Label.class).getText())
                .isEqualTo("The blog post's stall");
        // Into the submenu along its first row (its header), so that the way down does not cross Open recent.
        robot.moveTo("Traces: replay what was recorded").clickOn(sample);
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY);
        assertThat(robot.lookup("#modeLabel").queryAs(Label.class).getText()).startsWith("REPLAY");

        Slider scrubber = robot.lookup("#scrubber").queryAs(Slider.class);
        robot.interact(() -> scrubber.setValue(10 * S));
        assertThat(window.model().playheadProperty().get()).isEqualTo(10 * S);
        robot.clickOn("#stepAlertButton");
        TraceEvent.Alert next = window.model().alerts().stream().filter(a -> a.time() > 10 * S).findFirst().orElseThrow();
        waitFor(() -> window.model().playheadProperty().get() == next.time());
        waitFor(() -> window.model().statusProperty().get().nowNs() == next.time());

        ListView<TraceEvent.Alert> list = robot.lookup("#alertList").queryListView();
        assertThat(list.getSelectionModel().getSelectedItem()).isEqualTo(next);
        long upToHere = window.model().alerts().stream().filter(a -> a.time() <= next.time()).count();
        assertThat(robot.lookup("#metricAlertsRun").queryAs(Label.class).getText()).isEqualTo(String.valueOf(upToHere));
        assertThat(robot.lookup("#alertReport").queryTextInputControl().getText()).contains(next.summary().split(" ")[0]);
        assertThat(scrubber.getValue()).isEqualTo((double) next.time());
    }

    @Test
    void aTraceWithoutAScenarioShowsTheSameRunButOffersNoWhatIf(FxRobot robot) throws Exception {
        Path sample = Path.of("..", "sample-traces", "article.jsonl.gz");
        robot.interact(() -> window.opener().openTrace(sample));
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY
                && window.model().statusProperty().get().nowNs() >= 60 * S);
        Map<String, String> simulated = metricTexts(robot);
        int alerts = window.model().alerts().size();

        Path real = home.resolve("article-real.jsonl.gz");
        RealTraces.stripScenario(sample, real);
        robot.interact(() -> window.opener().openTrace(real));
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY
                && window.model().scenarioProperty().get() == null
                && window.model().statusProperty().get().nowNs() >= 60 * S);

        assertThat(metricTexts(robot)).isEqualTo(simulated);
        assertThat(window.model().alerts()).hasSize(alerts).isNotEmpty();
        javafx.scene.control.MenuItem whatIf = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class)
                .getMenus().stream().flatMap(m -> m.getItems().stream())
                .filter(i -> "whatIfItem".equals(i.getId())).findFirst().orElseThrow();
        assertThat(whatIf.isDisable()).isTrue();
        assertThat(whatIf.getText()).startsWith("What if from here — needs a simulated trace");
        robot.interact(() -> window.model().whatIf(java.util.Optional.empty()));
        assertThat(window.model().messageProperty().get()).isEqualTo(LabModel.WHAT_IF_NEEDS_SIMULATION);
    }

    @Test
    void aSavedLiveRunReopensWithIdenticalStats(FxRobot robot) throws Exception {
        liveFromStartTo(12 * S);
        Path file = home.resolve("saved-live.jsonl.gz");
        @SuppressWarnings("unchecked")
        javafx.concurrent.Task<Integer>[] saving = new javafx.concurrent.Task[1];
        robot.interact(() -> saving[0] = window.saver().saveTrace(file));
        var save = saving[0];
        waitFor(save::isDone);
        assertThat(save.get()).isPositive();
        // Saving completes the current instant (see SavePoint); the panels show the run as saved.
        LiveRun run = window.model().liveRun();
        waitFor(() -> window.model().statusProperty().get() == run.snapshot().status());
        Map<String, String> live = metricTexts(robot);
        robot.interact(() -> window.opener().openTrace(file));
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY);
        waitFor(() -> window.model().statusProperty().get().nowNs() >= 12 * S);
        assertThat(metricTexts(robot)).isEqualTo(live);
        assertThat(window.model().alerts()).hasSize(Integer.parseInt(live.get("#metricAlertsRun")));
    }

    @Test
    void exportsTheOpenRunForPerfettoAndAsCsv(FxRobot robot) throws Exception {
        liveFromStartTo(8 * S);
        Path json = home.resolve("run.perfetto.json");
        Path csv = home.resolve("run.csv");
        @SuppressWarnings("unchecked")
        javafx.concurrent.Task<Path>[] tasks = new javafx.concurrent.Task[2];
        robot.interact(() -> {
            tasks[0] = window.saver().exportTrace(ExportFormat.PERFETTO, json);
            tasks[1] = window.saver().exportTrace(ExportFormat.CSV, csv);
        });
        waitFor(() -> tasks[0].isDone() && tasks[1].isDone());
        assertThat(tasks[0].get()).isEqualTo(json);
        assertThat(Files.readString(json)).startsWith("{").contains("\"traceEvents\"").contains("membersMx");
        assertThat(Files.readAllLines(csv).getFirst()).isEqualTo(dev.lockscope.trace.export.IntervalCsvExporter.HEADER);
        assertThat(Files.readAllLines(csv)).anyMatch(line -> line.contains("eve"));
    }

    private static Map<String, String> metricTexts(FxRobot robot) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            for (String id : new String[] {"#" + MetricsPanel.id(m), "#" + MetricsPanel.id(m) + "Run"}) {
                texts.put(id, robot.lookup(id).queryAs(Label.class).getText());
            }
        }
        return texts;
    }

    @Test
    void aBadScenarioFileShowsTheProblemAndTheLabKeepsRunning(FxRobot robot) throws Exception {
        Path bad = home.resolve("bad.json");
        Files.writeString(bad, """
                {"name": "bad", "durationMs": 1000,
                 "members": [{"name": "ann", "latencyMs": -5}]}
                """);
        LiveRun before = window.model().liveRun();
        robot.interact(() -> window.opener().openScenario(bad));
        waitFor(() -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(dialog.getHeaderText()).isEqualTo("Cannot open scenario");
        assertThat(dialog.getContentText()).contains("bad.json").contains("members[0].latencyMs")
                .contains("expected a number from 0 to 3600000 (milliseconds)");
        assertThat(window.model().liveRun()).isSameAs(before);
        assertThat(window.model().sourceProperty().get()).isEqualTo(LabModel.Source.LIVE);
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }

    @Test
    void aCorruptTraceShowsTheProblem(FxRobot robot) throws Exception {
        Path bad = home.resolve("corrupt.jsonl");
        Files.writeString(bad, "{\"format\": \"something-else\"}\n");
        robot.interact(() -> window.opener().openTrace(bad));
        waitFor(() -> robot.lookup("#errorDialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains("corrupt.jsonl").contains("not a Lockscope trace");
        assertThat(window.model().sourceProperty().get()).isEqualTo(LabModel.Source.LIVE);
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }

    @Test
    void theHelpOverlayListsTheShortcutsAndEscapeClosesIt(FxRobot robot) throws Exception {
        robot.clickOn("Help");
        // The menu's item, not the overlay's (hidden) title of the same text.
        robot.clickOn(robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.Labeled l
                && "Keyboard shortcuts".equals(l.getText())
                && n.getScene().getWindow() instanceof javafx.scene.control.ContextMenu).queryAs(javafx.scene.Node.class));
        waitFor(() -> robot.lookup("#helpOverlay").query().isVisible());
        assertThat(robot.lookup("Play / pause").tryQuery()).isPresent();
        robot.clickOn(".help-card"); // a click on the card keeps it open
        assertThat(robot.lookup("#helpOverlay").query().isVisible()).isTrue();
        // Esc as the scene receives it (the robot's key may go to whichever window Monocle has focused).
        robot.interact(() -> javafx.event.Event.fireEvent(window.stage().getScene(), new javafx.scene.input.KeyEvent(
                javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.ESCAPE,
                false, false, false, false)));
        waitFor(() -> !robot.lookup("#helpOverlay").query().isVisible());
    }
}
