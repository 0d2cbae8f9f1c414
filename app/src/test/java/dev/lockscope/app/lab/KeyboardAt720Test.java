package dev.lockscope.app.lab;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.timeline.TimelineView;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.MemberStatus;
import java.nio.file.Path;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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
 * The keyboard as a teacher uses it, on the real window at 1280 × 720: the keys go where the key map says, whatever
 * was clicked last. After Enter in a field the next digit switches the strategy; Escape clears the timeline's
 * selection even when the focus is elsewhere.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardAt720Test {
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
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    @Test
    void afterEnterInTheLatencyFieldTwoSwitchesTheStrategy(FxRobot robot) throws Exception {
        LabFixture.liveFromStartTo(window, S);
        TableView<MemberStatus> table = robot.lookup("#memberTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(0));
        TextField latency = robot.lookup("#latencyField").queryAs(TextField.class);
        robot.doubleClickOn(latency);
        robot.interact(latency::selectAll);
        robot.write("40").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(latency.isFocused()).as("Enter gives the keyboard back").isFalse();
        robot.type(KeyCode.DIGIT2);
        waitFor(() -> window.model().statusProperty().get().strategy().orElseThrow() == Strategy.GOROUTINE_PER_SEND
                || window.model().liveRun().snapshot().status().strategy().orElseThrow() == Strategy.GOROUTINE_PER_SEND);
        window.model().liveRun().runTo(S + S / 2);
        waitFor(() -> window.model().statusProperty().get().nowNs() == S + S / 2);
        assertThat(window.model().statusProperty().get().strategy()).contains(Strategy.GOROUTINE_PER_SEND);
        assertThat(window.model().statusProperty().get().members().getFirst().latencyNs()).isEqualTo(40_000_000L);
        assertThat(latency.getText()).isEqualTo("40");
    }

    @Test
    void aRefusedValueKeepsTheFocusInItsField(FxRobot robot) throws Exception {
        LabFixture.liveFromStartTo(window, S);
        TableView<MemberStatus> table = robot.lookup("#memberTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(0));
        TextField latency = robot.lookup("#latencyField").queryAs(TextField.class);
        robot.doubleClickOn(latency);
        robot.interact(latency::selectAll);
        robot.write("99999999").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(latency.isFocused()).isTrue();
        assertThat(latency.getStyleClass()).contains(ShortcutKeys.INVALID);
        // The real rule, not "expected a number of milliseconds >= 0".
        assertThat(window.model().messageProperty().get()).isEqualTo("Latency: at most 3,600,000 ms (an hour), got 99999999");
        robot.interact(() -> window.model().reset());
        assertThat(window.model().messageProperty().get()).isEqualTo("Reset: article runs again from 0 s");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(latency.getStyleClass()).doesNotContain(ShortcutKeys.INVALID);
        robot.interact(latency::selectAll);
        robot.write("-5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.model().messageProperty().get()).isEqualTo("Latency: expected 0 ms or more, got -5");
        robot.interact(latency::selectAll);
        robot.write("fast").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.model().messageProperty().get()).isEqualTo("Latency: expected a number of milliseconds, got \"fast\"");
    }

    @Test
    void escapeClearsTheTimelinesSelectionWhereverTheFocusIs(FxRobot robot) throws Exception {
        LabFixture.liveFromStartTo(window, 9 * S);
        TraceEvent.Alert alert = window.model().alerts().getFirst();
        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        robot.interact(() -> assertThat(timeline.selectAlert(alert)).isTrue());
        assertThat(timeline.getSelection()).isNotNull();
        robot.clickOn("#memberTable"); // the focus leaves the timeline
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(timeline.getSelection()).isNull();
    }
}
