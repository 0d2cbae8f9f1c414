package dev.lockscope.app.lab;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.timeline.TimelineView;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.LiveRun;
import java.nio.file.Path;
import javafx.event.Event;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
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
import org.testfx.util.WaitForAsyncUtils;

/**
 * What Perfetto and gotraceui users look for, in the lab at 1280 × 720: Ctrl+F finds a goroutine by name and the
 * details panel docked under the timeline tells what is selected; Escape closes the find bar, then clears the
 * selection.
 */
@ExtendWith(ApplicationExtension.class)
class FindAndDetailsTest {
    private static final long S = 1_000_000_000L;

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
        LiveRun run = window.model().liveRun();
        run.pause();
        run.reset();
        run.runTo(9 * S);
        waitFor(() -> window.model().statusProperty().get() != null && window.model().statusProperty().get().nowNs() == 9 * S);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    private void press(FxRobot robot, KeyCode code, boolean ctrl) {
        robot.interact(() -> Event.fireEvent(window.stage().getScene(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "",
                code, false, ctrl, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void ctrlFFindsAGoroutineAndTheDetailsTellWhatItIs(FxRobot robot) throws Exception {
        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        press(robot, KeyCode.F, true);
        TextField field = robot.lookup("#findField").queryAs(TextField.class);
        assertThat(field.isVisible()).isTrue();
        assertThat(field.isFocused()).isTrue();
        robot.write("Broadcast#14");
        waitFor(() -> timeline.getSelection() != null && timeline.getSelection().goroutine().name().equals("Broadcast#14"));
        assertThat(robot.lookup("#findCount").queryAs(Label.class).getText()).isEqualTo("1 of 1 · goroutine Broadcast#14");
        TabPane tabs = robot.lookup("#bottomTabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("detailsTab");
        assertThat(robot.lookup("#detailsTitle").queryAs(Label.class).getText()).startsWith("Goroutine · Broadcast#14 (g");

        press(robot, KeyCode.ESCAPE, false); // closes the find bar, keeps the selection
        assertThat(robot.lookup("#findBar").query().isVisible()).isFalse();
        assertThat(timeline.isFocused()).isTrue();
        assertThat(timeline.getSelection()).isNotNull();
        press(robot, KeyCode.ESCAPE, false); // now clears it
        assertThat(timeline.getSelection()).isNull();
        assertThat(robot.lookup("#detailsTitle").queryAs(Label.class).getText()).isEqualTo("Nothing selected");
    }

    @Test
    void aWaitsDetailsTellItsChainAndAnAlertKeepsTheAlertList(FxRobot robot) throws Exception {
        TraceEvent.Alert alert = window.model().alerts().stream()
                .filter(a -> a.summary().startsWith("Broadcast#14")).findFirst().orElseThrow();
        ListView<TraceEvent.Alert> list = robot.lookup("#alertList").queryListView();
        robot.interact(() -> list.getSelectionModel().select(alert));
        TabPane tabs = robot.lookup("#bottomTabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).as("an alert keeps its list").isEqualTo("alertsTab");
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertThat(robot.lookup("#detailsTitle").queryAs(Label.class).getText()).startsWith("Wait · Broadcast#14");
        assertThat(robot.lookup("#detailsStory").queryAs(Label.class).getText())
                .contains("Broadcast#14 waits for Reload(eve), a pending writer");
        dev.lockscope.app.Snapshots.write(robot, window.stage().getScene(), "details-720");
    }
}
