package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.timeline.TimelineSelection;
import dev.lockscope.app.timeline.TimelineView;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
 * The lab shows a channel bug live: the {@code kubernetes6632} sample (GoBench, a lock-channel bug) opened through
 * the window, run live or replayed, has a row for its channel {@code resetChan}, lists the leak alert naming the
 * goroutine and the channel, and selecting that alert tells the chain across the channel and the lock.
 */
@ExtendWith(ApplicationExtension.class)
class ChannelLeakLabTest {
    private static final long MS = 1_000_000L;
    private static final Path SAMPLES = Path.of("..", "sample-traces");
    private static final String LEAK = "WriteFrame (g2) blocked forever on resetChan (unbuffered chan)";

    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void settingsInATemporaryPlace() throws Exception {
        LabFixture.settings(home, "window=0,0,1280,720");
    }

    @Start
    void start(Stage stage) {
        window = LabFixture.start(stage);
    }

    @BeforeEach
    void panelsInTheWindow() throws Exception {
        LabFixture.awaitPanels(window);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    @Test
    void aLiveRunShowsTheChannelRowAndTheLeakNamingGoroutineAndChannel(FxRobot robot) throws Exception {
        robot.interact(() -> window.opener().openScenario(SAMPLES.resolve("kubernetes6632.json")));
        LabFixture.waitFor(() -> window.model().scenarioProperty().get() != null
                && "kubernetes6632".equals(window.model().scenarioProperty().get().name()));
        LabFixture.liveFromStartTo(window, 200 * MS); // paused before the run's end (300 ms), after the leak (40 ms)

        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        LabFixture.waitFor(() -> LabFixture.onFx(() -> timeline.isRowVisible("resetChan")));
        assertThat(LabFixture.onFx(() -> timeline.isRowVisible("closeChan"))).isTrue();
        assertThat(LabFixture.onFx(() -> timeline.isRowVisible("writeLock"))).isTrue();
        assertLeakListed(robot);
    }

    @Test
    void theReplayedTraceShowsTheSameAndTheAlertTellsTheChainAcrossChannelAndLock(FxRobot robot) throws Exception {
        robot.interact(() -> window.opener().openTrace(SAMPLES.resolve("kubernetes6632.jsonl.gz")));
        LabFixture.waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY
                && window.model().statusProperty().get().nowNs() >= 300 * MS);
        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        LabFixture.waitFor(() -> LabFixture.onFx(() -> timeline.isRowVisible("resetChan")));
        assertLeakListed(robot);

        TraceEvent.Alert leak = window.model().alerts().stream().filter(a -> a.kind() == AlertKind.LEAK)
                .findFirst().orElseThrow();
        ListView<TraceEvent.Alert> list = robot.lookup("#alertList").queryListView();
        robot.interact(() -> list.getSelectionModel().select(leak));
        TimelineSelection selected = timeline.getSelection();
        assertThat(selected).isNotNull();
        assertThat(selected.kind()).isEqualTo(IntervalKind.CHAN_SEND);
        assertThat(selected.goroutine().name()).isEqualTo("WriteFrame");
        assertThat(selected.lockName()).isEqualTo("resetChan (unbuffered chan)");
        // WriteFrame waits for monitor (who could receive), which waits for writeLock, held by WriteFrame.
        assertThat(selected.chain()).extracting(l -> l.waiter().name() + " -> " + l.blocker().name())
                .containsExactly("WriteFrame -> monitor", "monitor -> WriteFrame");
        List<String> facts = robot.lookup("#detailsFacts .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertThat(facts).contains("Alert: leak: " + LEAK, "On: resetChan (unbuffered chan)");
        assertThat(robot.lookup("#detailsStory").queryAs(Label.class).getText())
                .contains("sending on resetChan (unbuffered chan)")
                .contains("WriteFrame waits for monitor, waiting for writeLock (Lock)")
                .contains("monitor waits for WriteFrame, blocked sending on resetChan (unbuffered chan), holding writeLock");
        assertThat(robot.lookup("#alertStrip .label").queryAllAs(Label.class)).anySatisfy(l ->
                assertThat(l.getText()).isEqualTo("latest: leak at 0.040 s — " + LEAK));
    }

    /** The alert list shows the leak in words that name the goroutine and the channel. */
    private void assertLeakListed(FxRobot robot) {
        ListView<TraceEvent.Alert> list = robot.lookup("#alertList").queryListView();
        int leak = list.getItems().stream().map(TraceEvent.Alert::kind).toList().indexOf(AlertKind.LEAK);
        assertThat(leak).isNotNegative();
        robot.interact(() -> list.scrollTo(leak)); // the list makes cells only for the rows it shows
        List<String> cells = robot.lookup("#alertList .list-cell").queryAll().stream()
                .map(n -> ((ListCell<?>) n).getText()).filter(t -> t != null).toList();
        assertThat(cells).anySatisfy(t -> assertThat(t).contains("leak").endsWith("\n" + LEAK));
    }
}
