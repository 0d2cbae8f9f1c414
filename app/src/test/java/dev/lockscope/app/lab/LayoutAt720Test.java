package dev.lockscope.app.lab;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.Snapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.ToolBar;
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
 * The lab on a 1280 × 720 projector: every label of the toolbar, the room panel and the strategy buttons shows
 * whole (JavaFX's {@code Labeled.textTruncated}), the room's five members are all in view, and the split panes come
 * back to their defaults after the text grows and shrinks again.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutAt720Test {
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

    /** Every shown {@link Labeled} under {@code root}, with text. */
    private static List<Labeled> labels(Node root) {
        List<Labeled> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<Labeled> out) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            out.add(l);
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }

    private static List<String> truncated(Node root) {
        return labels(root).stream().filter(Labeled::isTextTruncated)
                .map(l -> l.getClass().getSimpleName() + " \"" + l.getText() + "\" " + l.getWidth()).toList();
    }

    private void ctrl(FxRobot robot, KeyCode code) {
        Scene scene = window.stage().getScene();
        robot.interact(() -> Event.fireEvent(scene, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code,
                false, true, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<double[]> dividers(FxRobot robot) {
        List<double[]> out = new ArrayList<>();
        robot.interact(() -> robot.lookup(".split-pane").queryAllAs(SplitPane.class).stream()
                .filter(p -> p.getScene() == window.stage().getScene())
                .sorted(java.util.Comparator.comparing(Node::getId, java.util.Comparator.nullsFirst(String::compareTo)))
                .forEach(p -> out.add(p.getDividerPositions())));
        return out;
    }

    @Test
    void noToolbarRoomOrStrategyLabelIsCut(FxRobot robot) throws Exception {
        assertThat(window.stage().getWidth()).isEqualTo(1280);
        assertThat(window.stage().getHeight()).isEqualTo(720);
        LabFixture.liveFromStartTo(window, 12 * S);
        Snapshots.write(robot, window.stage().getScene(), "lab-720-paused");
        ToolBar toolbar = robot.lookup("#labToolbar").queryAs(ToolBar.class);
        assertThat(toolbar.lookup(".tool-bar-overflow-button").isVisible()).as("every toolbar item fits").isFalse();
        assertThat(truncated(toolbar)).isEmpty();
        assertThat(truncated(robot.lookup("#roomPanel").query())).isEmpty();
        assertThat(truncated(robot.lookup("#strategyToggle").query())).isEmpty();
    }

    @Test
    void theTimelinesPictureIsFullSizeWhateverTheWindow(FxRobot robot) throws Exception {
        LabFixture.liveFromStartTo(window, 12 * S);
        dev.lockscope.app.timeline.TimelineView timeline = robot.lookup("#timeline")
                .queryAs(dev.lockscope.app.timeline.TimelineView.class);
        assertThat(timeline.getWidth()).isLessThan(800); // the window's is small at 1280 × 720
        Path file = home.resolve("timeline.png");
        @SuppressWarnings("unchecked")
        javafx.concurrent.Task<Path>[] task = new javafx.concurrent.Task[1];
        robot.interact(() -> task[0] = window.saver().exportPng(timeline.exportImage(LabWindow.EXPORT_MIN_WIDTH), file));
        waitFor(() -> task[0].isDone());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(1600);
        assertThat(png.getHeight()).isGreaterThanOrEqualTo((int) timeline.getHeight());
        assertThat(window.model().messageProperty().get()).endsWith("(1600 × " + png.getHeight() + ")");
    }

    @Test
    void theShortcutHelpFitsTheWindow(FxRobot robot) throws Exception {
        robot.interact(() -> Event.fireEvent(window.stage().getScene(), new KeyEvent(KeyEvent.KEY_PRESSED, "", "",
                KeyCode.F1, false, false, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
        Node card = robot.lookup(".help-card").query();
        Bounds b = card.localToScene(card.getLayoutBounds());
        Snapshots.write(robot, window.stage().getScene(), "help-720");
        assertThat(new javafx.geometry.BoundingBox(0, 0, 1280, 720).contains(b)).as("help card %s", b).isTrue();
        assertThat(truncated(card)).isEmpty();
    }

    @Test
    void everyMemberOfTheRoomIsInView(FxRobot robot) throws Exception {
        LabFixture.liveFromStartTo(window, 12 * S);
        Node table = robot.lookup("#memberTable").query();
        Bounds tableBounds = table.localToScene(table.getLayoutBounds());
        Bounds scene = new javafx.geometry.BoundingBox(0, 0, 1280, 720);
        List<String> names = new ArrayList<>();
        for (Node n : robot.lookup("#memberTable .table-row-cell").queryAll()) {
            TableRow<?> row = (TableRow<?>) n;
            if (row.getItem() != null && row.isVisible()) {
                Bounds b = row.localToScene(row.getLayoutBounds());
                assertThat(tableBounds.contains(b)).as("row %s inside the table", row.getItem()).isTrue();
                assertThat(scene.contains(b)).as("row %s on screen", row.getItem()).isTrue();
                names.add(((dev.lockscope.run.MemberStatus) row.getItem()).name());
            }
        }
        assertThat(names).contains("ann", "bob", "cy", "dee", "eve");
    }

    @Test
    void afterLargerTextAndBackEverySplitIsWhereItWas(FxRobot robot) throws Exception {
        List<double[]> before = dividers(robot);
        assertThat(before).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < 6; i++) {
            ctrl(robot, KeyCode.EQUALS);
        }
        assertThat(window.stage().getScene().getRoot().getStyle()).isNotEqualTo("-fx-font-size: 13.0px;");
        List<double[]> large = dividers(robot);
        ctrl(robot, KeyCode.DIGIT0);
        assertThat(window.stage().getScene().getRoot().getStyle()).isEqualTo("-fx-font-size: 13.0px;");
        List<double[]> after = dividers(robot);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("split %d after Ctrl+0 (was %s at the larger size)", i,
                    java.util.Arrays.toString(large.get(i))).containsExactly(before.get(i), org.assertj.core.data.Offset.offset(0.002));
        }
    }
}
