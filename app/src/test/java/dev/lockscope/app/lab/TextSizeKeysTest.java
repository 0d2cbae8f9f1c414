package dev.lockscope.app.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.event.Event;
import javafx.scene.Scene;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Ctrl+=, Ctrl+- and Ctrl+0 in the window: the menu accelerators change the text size, and Ctrl+0 restores it. */
@ExtendWith(ApplicationExtension.class)
class TextSizeKeysTest {
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

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    /** Ctrl and {@code code}, as the scene receives it (accelerators included). */
    private void ctrl(FxRobot robot, KeyCode code) {
        Scene scene = window.stage().getScene();
        robot.interact(() -> Event.fireEvent(scene, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code,
                false, true, false, false)));
    }

    private String fontSize(FxRobot robot) {
        String[] style = new String[1];
        robot.interact(() -> style[0] = window.stage().getScene().getRoot().getStyle());
        return style[0];
    }

    @Test
    void ctrlZeroBringsTheTextBackToNormal(FxRobot robot) {
        String normal = fontSize(robot);
        assertThat(normal).isEqualTo("-fx-font-size: 13.0px;");
        ctrl(robot, KeyCode.EQUALS);
        ctrl(robot, KeyCode.EQUALS);
        assertThat(fontSize(robot)).isEqualTo("-fx-font-size: 15.7px;");
        ctrl(robot, KeyCode.MINUS);
        assertThat(fontSize(robot)).isEqualTo("-fx-font-size: 14.3px;");
        ctrl(robot, KeyCode.DIGIT0);
        assertThat(fontSize(robot)).isEqualTo(normal);
        assertThat(window.model().messageProperty().get()).isEqualTo("Text size 100%");
    }

    @Test
    void theViewMenuShowsCtrlZero(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        MenuItem normal = bar.getMenus().stream().filter(m -> m.getText().equals("View")).findFirst().orElseThrow()
                .getItems().stream().filter(i -> "Normal text size".equals(i.getText())).findFirst().orElseThrow();
        assertThat(normal.getAccelerator().getDisplayText()).isEqualTo("Ctrl+0");
    }
}
