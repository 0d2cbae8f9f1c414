package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The panel left of the timeline follows what is open, at a 1280 × 720 projector's size: a room shows its members
 * and strategy; a script keeps only its lock policy, in a narrower panel; a trace no scenario made (a real
 * program's) has no panel there, so the timeline gets the width.
 */
@ExtendWith(ApplicationExtension.class)
class LeftPanelTest {
    private static final Path SAMPLES = Path.of("..", "sample-traces");

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

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    @Test
    void theLeftPanelIsTheRoomsTheScriptsOrNone(FxRobot robot) throws Exception {
        LabFixture.awaitPanels(window);
        Node panel = robot.lookup("#roomPanel").query();
        LabFixture.waitFor(() -> LabFixture.onFx(() -> panel.getScene() != null && panel.getBoundsInLocal().getWidth() > 0));
        assertThat(LabFixture.onFx(() -> title(panel))).isEqualTo("Room");
        assertThat(LabFixture.onFx(() -> shown(robot.lookup("#strategyToggle").query()))).isTrue();
        assertThat(LabFixture.onFx(() -> shown(robot.lookup("#memberTable").query()))).isTrue();
        double roomWidth = LabFixture.onFx(() -> panel.getBoundsInLocal().getWidth());

        robot.interact(() -> window.opener().openScenario(SAMPLES.resolve("kubernetes6632.json")));
        LabFixture.waitFor(() -> LabFixture.onFx(() -> "Script".equals(title(panel))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(LabFixture.onFx(() -> shown(robot.lookup("#lockChoice").query()))).isTrue();
        assertThat(LabFixture.onFx(() -> shown(robot.lookup("#strategyToggle").query()))).isFalse();
        assertThat(LabFixture.onFx(() -> shown(robot.lookup("#memberTable").query()))).isFalse();
        double scriptWidth = LabFixture.onFx(() -> panel.getBoundsInLocal().getWidth());
        assertThat(scriptWidth).isGreaterThan(0).isLessThan(roomWidth * 0.75);

        Path real = home.resolve("article-real.jsonl.gz");
        RealTraces.stripScenario(SAMPLES.resolve("article.jsonl.gz"), real);
        robot.interact(() -> window.opener().openTrace(real));
        LabFixture.waitFor(() -> window.model().sourceProperty().get() == LabModel.Source.REPLAY
                && window.model().scenarioProperty().get() == null);
        LabFixture.waitFor(() -> LabFixture.onFx(() -> panel.getScene() == null));

        robot.interact(() -> window.opener().openScenario(SAMPLES.resolve("article.json")));
        LabFixture.waitFor(() -> LabFixture.onFx(() -> panel.getScene() != null && "Room".equals(title(panel))));
        assertThat(LabFixture.onFx(() -> shown(robot.lookup("#strategyToggle").query()))).isTrue();
    }

    /** Visible, and so are all its parents. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static String title(Node panel) {
        return ((Label) panel.lookup(".panel-title")).getText();
    }
}
