package dev.lockscope.app.lab;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.run.LiveRun;
import dev.lockscope.run.MemberStatus;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.paint.Color;
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
 * A selected row is readable in every theme, focused or not, whatever its member's state: eve is slow (red text)
 * and reloading (a tinted row), which used to give white on pale peach and dark on olive. Readable is the WCAG
 * contrast ratio of normal text, 4.5.
 */
@ExtendWith(ApplicationExtension.class)
class SelectedRowsTest {
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

    static double contrast(Color a, Color b) {
        double la = relativeLuminance(a);
        double lb = relativeLuminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double relativeLuminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    /** The contrast of eve's selected row: its first cell's text against the row's background. */
    private double eveContrast(FxRobot robot) {
        double[] out = new double[1];
        robot.interact(() -> {
            for (Node n : robot.lookup("#memberTable .table-row-cell").queryAll()) {
                TableRow<?> row = (TableRow<?>) n;
                if (row.getItem() instanceof MemberStatus m && m.name().equals("eve")) {
                    assertThat(row.isSelected()).isTrue();
                    assertThat(row.getStyleClass()).contains("member-slow", "member-reloading");
                    BackgroundFill fill = row.getBackground().getFills().getLast();
                    TableCell<?, ?> cell = (TableCell<?, ?>) row.lookup(".table-cell");
                    out[0] = contrast((Color) fill.getFill(), (Color) cell.getTextFill());
                }
            }
        });
        return out[0];
    }

    @Test
    void eveSelectedIsReadableInEveryThemeFocusedOrNot(FxRobot robot) throws Exception {
        LiveRun run = window.model().liveRun();
        run.pause();
        run.reset();
        // eve's client reloads at 6.5 s: at 6.6 s she is slow and reloading.
        run.runTo(6_600_000_000L);
        waitFor(() -> window.model().statusProperty().get() != null
                && window.model().statusProperty().get().nowNs() == 6_600_000_000L);
        TableView<MemberStatus> table = robot.lookup("#memberTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().select(4));
        for (int theme = 0; theme < Theme.values().length; theme++) {
            String name = window.stage().getScene().getStylesheets().toString();
            robot.interact(table::requestFocus);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(eveContrast(robot)).as("focused, %s", name).isGreaterThanOrEqualTo(4.5);
            robot.interact(() -> robot.lookup("#timeline").query().requestFocus());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(eveContrast(robot)).as("not focused, %s", name).isGreaterThanOrEqualTo(4.5);
            robot.interact(() -> window.stage().getScene().getRoot().fireEvent(new javafx.scene.input.KeyEvent(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, "", "", javafx.scene.input.KeyCode.T, false, true, false, false)));
            WaitForAsyncUtils.waitForFxEvents();
        }
    }
}
