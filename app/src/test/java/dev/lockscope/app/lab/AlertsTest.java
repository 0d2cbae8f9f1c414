package dev.lockscope.app.lab;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.event.TraceEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * Alerts never cover the controls: by default they go to the docked strip and the alert list only; pop-ups, when
 * asked for, are cards over the timeline's plot; a what-if run does not raise the alerts it re-simulates again; and
 * a replay lists the alerts up to its playhead.
 */
@ExtendWith(ApplicationExtension.class)
class AlertsTest {
    private static final long S = 1_000_000_000L;

    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void settingsInATemporaryPlace() throws Exception {
        LabFixture.settings(home, "window=0,0,1280,720"); // the default: no alertPopups line
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

    private static List<Node> cards(FxRobot robot) {
        return robot.lookup("#alertPopups").queryAs(VBox.class).getChildren();
    }

    private static CheckMenuItem popupsItem(FxRobot robot) {
        return (CheckMenuItem) robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(i -> "alertPopupsItem".equals(i.getId()))
                .findFirst().orElseThrow();
    }

    @Test
    void byDefaultAlertsGoToTheStripAndNothingPopsUp(FxRobot robot) throws Exception {
        assertThat(popupsItem(robot).isSelected()).isFalse();
        LabFixture.liveFromStartTo(window, 9 * S);
        int alerts = window.model().alerts().size();
        assertThat(alerts).isPositive();
        assertThat(cards(robot)).isEmpty();
        assertThat(Window.getWindows()).as("no pop-up window over the lab").containsExactly(window.stage());
        assertThat(robot.lookup("#alertBadge").queryAs(Label.class).getText()).isEqualTo("⚠ " + alerts + " alerts");
        TraceEvent.Alert last = window.model().alerts().getLast();
        assertThat(robot.lookup("#alertLatest").queryAs(Label.class).getText()).contains(last.summary());
    }

    @Test
    void askedForPopUpsAreCardsOverTheTimelinesPlot(FxRobot robot) throws Exception {
        LabFixture.liveFromStartTo(window, S);
        robot.interact(() -> popupsItem(robot).setSelected(true));
        try {
            window.model().liveRun().runTo(7 * S);
            waitFor(() -> !cards(robot).isEmpty());
            Node timeline = robot.lookup("#timeline").query();
            Bounds plot = timeline.localToScene(timeline.getLayoutBounds());
            for (Node card : cards(robot)) {
                Bounds b = card.localToScene(card.getLayoutBounds());
                assertThat(plot.contains(b)).as("card %s inside the timeline %s", b, plot).isTrue();
            }
            assertThat(Window.getWindows()).containsExactly(window.stage());
        } finally {
            robot.interact(() -> popupsItem(robot).setSelected(false));
        }
    }

    @Test
    void whatIfRaisesNoAlertItReSimulates(FxRobot robot) throws Exception {
        Path sample = Path.of("..", "sample-traces", "article.jsonl.gz");
        robot.interact(() -> window.opener().openTrace(sample));
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY);
        List<TraceEvent.Alert> raised = new ArrayList<>();
        robot.interact(() -> {
            window.model().setOnLiveAlerts(raised::addAll);
            window.model().playheadProperty().set(20 * S);
            window.model().whatIf(Optional.empty());
        });
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.LIVE);
        window.model().liveRun().pause();
        window.model().liveRun().runTo(25 * S);
        waitFor(() -> window.model().statusProperty().get().nowNs() == 25 * S);
        assertThat(window.model().alerts()).anySatisfy(a -> assertThat(a.time()).isLessThanOrEqualTo(20 * S));
        assertThat(raised).isNotEmpty().allSatisfy(a -> assertThat(a.time()).isGreaterThan(20 * S));
    }

    @Test
    void aReplayListsTheAlertsUpToItsPlayhead(FxRobot robot) throws Exception {
        Path sample = Path.of("..", "sample-traces", "article.jsonl.gz");
        robot.interact(() -> window.opener().openTrace(sample));
        waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY);
        int all = window.model().alerts().size();
        ListView<TraceEvent.Alert> list = robot.lookup("#alertList").queryListView();
        assertThat(list.getItems()).hasSize(all); // the trace opens with the playhead at its end
        robot.interact(() -> window.model().playheadProperty().set(10 * S));
        long upTo10 = window.model().alerts().stream().filter(a -> a.time() <= 10 * S).count();
        assertThat(upTo10).isPositive().isLessThan(all);
        assertThat(list.getItems()).hasSize((int) upTo10).allSatisfy(a -> assertThat(a.time()).isLessThanOrEqualTo(10 * S));
        assertThat(robot.lookup("#alertBadge").queryAs(Label.class).getText()).isEqualTo("⚠ " + upTo10 + " alerts");
        robot.interact(() -> window.model().playheadProperty().set(5 * S));
        assertThat(list.getItems()).allSatisfy(a -> assertThat(a.time()).isLessThanOrEqualTo(5 * S));
        robot.interact(() -> window.model().playheadProperty().set(60 * S));
        assertThat(list.getItems()).hasSize(all);
    }
}
