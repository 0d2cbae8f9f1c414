package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
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
 * A room scenario with its own strategy program in the lab: the strategy switch lists it after the built-ins, and
 * the code panel shows its code; switching away and back posts the ids; another scenario drops the sixth button.
 */
@ExtendWith(ApplicationExtension.class)
class OwnStrategyLabTest {
    private static final String FANOUT = """
            {"strategy": "snapshot-fanout",
             "description": "Copy the list under the read lock, unlock, then start one goroutine per send.",
             "funcs": [{"name": "Broadcast", "params": ["msg Message"], "steps": [
               "r.membersMx.RLock()", "members := slices.Clone(r.members)", "r.membersMx.RUnlock()",
               {"for": "_, m := range members", "do": ["go m.Send(msg)"]}]}]}""";

    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void settingsInATemporaryPlace() throws Exception {
        Path settings = Files.createDirectories(home.resolve("settings"));
        Files.writeString(settings.resolve("settings.properties"), "notifications=false\n");
        System.setProperty("lockscope.home", settings.toString());
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

    private static void waitFor(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Scenario sixth() throws Exception {
        return ScenarioJson.read("six.json", new StringReader("""
                {"name": "six", "durationMs": 60000, "strategyCode": %s, "broadcast": {"periodMs": 200},
                 "members": [{"name": "a", "latencyMs": 20}, {"name": "b", "latencyMs": 600}]}
                """.formatted(FANOUT)));
    }

    private boolean strategyIs(String id) {
        var s = window.model().statusProperty().get();
        return s != null && s.strategyId().orElse("").equals(id);
    }

    private static String codeTitle(FxRobot robot) {
        return robot.lookup("#codePanel .panel-title").queryAs(Label.class).getText();
    }

    private static List<String> code(FxRobot robot) {
        return robot.lookup("#codePanel .code-line").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void theSwitchListsTheScenariosOwnStrategyAndTheCodePanelShowsIt(FxRobot robot) throws Exception {
        Scenario six = sixth();
        robot.interact(() -> {
            try {
                window.model().startLive(six, false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        waitFor(() -> strategyIs("snapshot-fanout") && codeTitle(robot).endsWith("snapshot-fanout"));

        ToggleButton own = robot.lookup("#" + RoomPanel.OWN_STRATEGY_ID).queryAs(ToggleButton.class);
        assertThat(own.getText()).isEqualTo("snapshot-fanout");
        assertThat(own.isSelected()).isTrue();
        assertThat(robot.lookup("#strategy-sequential").queryAs(ToggleButton.class).isSelected()).isFalse();
        assertThat(codeTitle(robot)).isEqualTo("Code — strategy snapshot-fanout");
        assertThat(code(robot)).startsWith("func (r *Room) Broadcast(msg Message) {", "    r.membersMx.RLock()",
                "    members := slices.Clone(r.members)", "    r.membersMx.RUnlock()",
                "    for _, m := range members {", "        go m.Send(msg)");
        assertThat(robot.lookup("#code-Room-Broadcast-func1-m-Send-msg-").tryQuery()).isPresent();

        robot.clickOn("#strategy-sequential");
        waitFor(() -> strategyIs("sequential") && codeTitle(robot).endsWith("sequential"));
        assertThat(code(robot)).contains("        m.Send(msg)").doesNotContain("    members := slices.Clone(r.members)");
        assertThat(own.isSelected()).isFalse();

        robot.clickOn("#" + RoomPanel.OWN_STRATEGY_ID);
        waitFor(() -> strategyIs("snapshot-fanout") && codeTitle(robot).endsWith("snapshot-fanout"));
        assertThat(code(robot)).contains("    members := slices.Clone(r.members)");

        Scenario article = BuiltinScenarios.byName("article").orElseThrow();
        robot.interact(() -> {
            try {
                window.model().startLive(article, false);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        waitFor(() -> strategyIs("sequential"));
        assertThat(robot.lookup("#" + RoomPanel.OWN_STRATEGY_ID).tryQuery()).isEmpty();
    }
}
