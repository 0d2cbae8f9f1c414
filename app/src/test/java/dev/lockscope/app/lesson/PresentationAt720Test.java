package dev.lockscope.app.lesson;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.Snapshots;
import dev.lockscope.app.lab.LabWindow;
import dev.lockscope.app.timeline.TimelineView;
import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonStep;
import dev.lockscope.run.LessonState;
import dev.lockscope.run.Speed;
import dev.lockscope.scenario.BuiltinScenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
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
 * Presentation mode on a 1280 × 720 projector, with alert pop-ups turned on: every step of every built-in lesson
 * leaves the timeline at least 55 % of the window's height, shows the rows the step names, and no alert pops up
 * over anything; leaving the lesson brings back the user's text size and layout.
 */
@ExtendWith(ApplicationExtension.class)
class PresentationAt720Test {
    @TempDir
    static Path home;

    private LabWindow window;

    @BeforeAll
    static void settingsInATemporaryPlace() throws Exception {
        LabFixture.settings(home, "window=0,0,1280,720", "alertPopups=true");
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

    private LessonState lesson() {
        return window.model().lessonProperty().get();
    }

    private List<double[]> dividers(FxRobot robot) {
        List<double[]> out = new ArrayList<>();
        robot.interact(() -> robot.lookup(".split-pane").queryAllAs(SplitPane.class).stream()
                .filter(p -> p.getScene() == window.stage().getScene() && p.getItems().size() > 1)
                .forEach(p -> out.add(p.getDividerPositions())));
        return out;
    }

    /** Steps through {@code name} with Next, checking each step as it waits for the presenter. */
    private void present(FxRobot robot, String name) throws Exception {
        Lesson lesson = BuiltinLessons.byName(name).orElseThrow();
        robot.interact(() -> {
            window.model().speedProperty().set(Speed.MAX);
            window.startLesson(lesson);
        });
        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        for (int i = 0; i < lesson.steps().size(); i++) {
            int step = i;
            LessonStep s = lesson.steps().get(i);
            try {
                waitFor(() -> lesson() != null && lesson().reached() == step && lesson().awaitingPresenter()
                        && s.show().stream().allMatch(timeline::isRowVisible));
            } catch (TimeoutException e) {
                List<String> hidden = s.show().stream().filter(n -> !timeline.isRowVisible(n)).toList();
                Snapshots.write(robot, window.stage().getScene(), "presenting-" + name + "-" + (step + 1));
                throw new AssertionError(name + " step " + (step + 1) + " \"" + s.title() + "\": reached "
                        + (lesson() == null ? "-" : lesson().reached()) + ", rows not in view: " + hidden, e);
            }
            double share = timeline.getHeight() / window.stage().getScene().getHeight();
            assertThat(share).as("%s step %d: the timeline's share of the window", name, step + 1).isGreaterThanOrEqualTo(0.55);
            assertThat(robot.lookup("#alertPopups").queryAs(VBox.class).getChildren()).as("pop-ups while presenting").isEmpty();
            assertThat(Window.getWindows()).as("no window over the lab").containsExactly(window.stage());
            assertThat(robot.lookup("#labToolbar .labeled").queryAllAs(javafx.scene.control.Labeled.class).stream()
                    .filter(l -> l.isVisible() && l.isTextTruncated()).map(javafx.scene.control.Labeled::getText))
                    .as("toolbar labels cut while presenting").isEmpty();
            robot.interact(() -> window.model().lessonNext());
        }
    }

    @Test
    void theArticleShowsWhatEachStepTalksAbout(FxRobot robot) throws Exception {
        present(robot, "article");
        assertThat(window.model().alerts()).as("alerts came up during the lesson").isNotEmpty();
    }

    @Test
    void theOtherLessonsToo(FxRobot robot) throws Exception {
        present(robot, "writer-preference");
        present(robot, "lock-order");
        present(robot, "recursive-rlock");
        present(robot, "timeout-leak");
    }

    @Test
    void leavingALessonBringsBackTheTextSizeAndTheLayout(FxRobot robot) throws Exception {
        String normal = window.stage().getScene().getRoot().getStyle();
        TimelineView timeline = robot.lookup("#timeline").queryAs(TimelineView.class);
        assertThat(timeline.getScale()).isEqualTo(1.0);
        List<double[]> before = dividers(robot);
        robot.interact(() -> window.startLesson(BuiltinLessons.byName("writer-preference").orElseThrow()));
        waitFor(() -> lesson() != null);
        assertThat(timeline.getScale()).as("the presented timeline is larger").isEqualTo(1.35);
        assertThat(window.stage().getScene().getRoot().getStyle()).as("the presenter's toolbar keeps its size").isEqualTo(normal);
        // Leaving by opening something else, as a click on a sweep's point does.
        robot.interact(() -> window.startLive(BuiltinScenarios.byName("article").orElseThrow()));
        waitFor(() -> lesson() == null);
        assertThat(window.stage().getScene().getRoot().getStyle()).isEqualTo(normal);
        assertThat(timeline.getScale()).isEqualTo(1.0);
        waitFor(() -> robot.lookup("#roomPanel").tryQuery().isPresent());
        List<double[]> after = dividers(robot);
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).containsExactly(before.get(i), org.assertj.core.data.Offset.offset(0.002));
        }
        Node room = robot.lookup("#roomPanel").query();
        assertThat(room.getScene()).isSameAs(window.stage().getScene());
    }
}
