package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import java.nio.file.Path;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A window saved on a larger screen (here 2400 × 1500 at 2500, 1800; the test screen is 1600 × 1000) opens whole on
 * this one, and the window never gets smaller than the menus and the toolbar need.
 */
@ExtendWith(ApplicationExtension.class)
class WindowBoundsTest {
    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void boundsFromABiggerScreen() throws Exception {
        LabFixture.settings(home, "window=2500,1800,2400,1500");
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
    void aWindowSavedOnABiggerScreenOpensWholeOnThisOne() {
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Stage stage = window.stage();
        assertThat(new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()))
                .satisfies(b -> assertThat(screen.contains(b)).as("%s on %s", b, screen).isTrue());
        assertThat(stage.getWidth()).isEqualTo(screen.getWidth());
    }

    @Test
    void theWindowKeepsAUsableMinimumSize() {
        assertThat(window.stage().getMinWidth()).isEqualTo(LabWindow.MIN_WIDTH);
        assertThat(window.stage().getMinHeight()).isEqualTo(LabWindow.MIN_HEIGHT);
    }
}
