package dev.lockscope.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Smoke test: the application starts on the toolkit, shows its main window, and runs the article live. */
@ExtendWith(ApplicationExtension.class)
class LockscopeAppTest {

    private Stage stage;
    private LockscopeApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new LockscopeApp();
        app.start(stage);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> app.window().model().shutdown());
    }

    @Test
    void mainWindowShowsTheArticleRunningLive() throws Exception {
        assertThat(stage.getTitle()).isEqualTo("Lockscope — article — live");
        assertThat(stage.isShowing()).isTrue();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.window().model().playheadProperty().get() > 0);
    }

    @Test
    void sidePanelsJoinAfterTheFirstFrameAndTheStartIsReported(FxRobot robot) throws Exception {
        LabFixture.awaitPanels(app.window());
        assertThat(app.window().firstFrameUptimeMs()).isPositive();
        assertThat(robot.lookup("#roomPanel").tryQuery()).isPresent();
        assertThat(robot.lookup("#metricsPanel").tryQuery()).isPresent();
        assertThat(robot.lookup("#codePanel").tryQuery()).isPresent();
        assertThat(robot.lookup("#alertsPanel").tryQuery()).isPresent();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.window().model().messageProperty().get()
                .matches(".*First frame \\d+ ms after launch, whole window \\d+ ms\\..*"));
    }

    @Test
    void settingsLiveInTheTestsOwnDirectory() {
        assertThat(Path.of(System.getProperty("lockscope.home")).toString()).doesNotStartWith(System.getProperty("user.home") + "/.lockscope");
    }
}
