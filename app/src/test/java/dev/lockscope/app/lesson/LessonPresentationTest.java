package dev.lockscope.app.lesson;

import static dev.lockscope.app.LabFixture.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.LabFixture;
import dev.lockscope.app.Snapshots;
import dev.lockscope.app.lab.LabWindow;
import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.run.Speed;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Presents a built-in lesson in the real window, from the Lessons menu, pressing Next as a teacher would: each
 * caption comes up when its condition holds (at the instant worked out by hand), and the panels make way.
 */
@ExtendWith(ApplicationExtension.class)
class LessonPresentationTest {
    @TempDir
    static Path home;

    private LabWindow window;

    /** A 1280 × 720 projector, and otherwise the defaults (alert pop-ups too: off), as a teacher starts the lab. */
    @BeforeAll
    static void settingsInATemporaryPlace() throws Exception {
        LabFixture.settings(home, "window=0,0,1280,720");
    }

    @Start
    void start(Stage stage) {
        window = LabFixture.start(stage);
    }

    /** The side panels join one pulse after the first frame; every test reads them. */
    @BeforeEach
    void panelsInTheWindow() throws Exception {
        LabFixture.awaitPanels(window);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.model().shutdown());
    }

    /**
     * Writes the window at "The writer gets in" to app/target/lesson-writer-preference.png, and to docs/ with
     * {@code -Dlockscope.screenshots=docs}.
     */
    private void capture(FxRobot robot) throws Exception {
        Snapshots.write(robot, window.stage().getScene(), "lesson-writer-preference");
    }

    /**
     * The article's "4. Add is stuck" at 1280 × 720 with the default settings, written to app/target/lesson-article.png
     * and, with {@code -Dlockscope.screenshots=docs}, to docs/: the step's Reload and lock rows in view and marked.
     */
    @Test
    void theArticlesStuckStepShowsTheRowsItTalksAbout(FxRobot robot) throws Exception {
        Lesson lesson = BuiltinLessons.byName("article").orElseThrow();
        robot.interact(() -> {
            window.model().speedProperty().set(Speed.MAX);
            window.startLesson(lesson);
        });
        var timeline = robot.lookup("#timeline").queryAs(dev.lockscope.app.timeline.TimelineView.class);
        for (int i = 0; i < 4; i++) {
            int step = i;
            waitFor(() -> text(robot, "#lessonStep").equals((step + 1) + " / " + lesson.steps().size())
                    && !robot.lookup("#lessonNext").queryButton().isDisabled());
            robot.clickOn("#lessonNext");
        }
        waitFor(() -> text(robot, "#lessonTitle").equals("4. Add is stuck")
                && !robot.lookup("#lessonNext").queryButton().isDisabled()
                && lesson.steps().get(4).show().stream().allMatch(timeline::isRowVisible));
        Snapshots.write(robot, window.stage().getScene(), "lesson-article");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void stepsThroughTheWriterPreferenceLesson(FxRobot robot) throws Exception {
        Lesson lesson = BuiltinLessons.byName("writer-preference").orElseThrow();
        robot.interact(() -> window.model().speedProperty().set(Speed.MAX));
        robot.clickOn("Lessons").clickOn(lesson.name());
        waitFor(() -> robot.lookup("#lessonBar").tryQuery().map(n -> n.isVisible()).orElse(false));
        // Presentation mode: the room and metrics panels make way for the timeline.
        assertThat(robot.lookup("#memberTable").tryQuery()).isEmpty();

        String[] expectedAt = {"at 700 ms", "at 1010 ms", "at 1200 ms", "at 1650 ms", "at 1650 ms", "at 3650 ms"};
        for (int i = 0; i < expectedAt.length; i++) {
            int step = i;
            try {
                waitFor(() -> text(robot, "#lessonStep").equals((step + 1) + " / " + lesson.steps().size())
                        && !robot.lookup("#lessonNext").queryButton().isDisabled());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("waiting for step " + (step + 1) + ", showing " + text(robot, "#lessonStep")
                        + " / " + text(robot, "#lessonHint") + " / mode " + window.model().runModeProperty().get(), e);
            }
            assertThat(text(robot, "#lessonTitle")).isEqualTo(lesson.steps().get(i).title());
            assertThat(text(robot, "#lessonCaption")).isEqualTo(lesson.steps().get(i).caption());
            assertThat(text(robot, "#lessonHint")).startsWith(expectedAt[i]);
            if (i == 3) {
                var timeline = robot.lookup("#timeline").queryAs(dev.lockscope.app.timeline.TimelineView.class);
                waitFor(() -> lesson.steps().get(step).show().stream().allMatch(timeline::isRowVisible));
                capture(robot);
            }
            robot.clickOn("#lessonNext");
        }
        // Back re-runs exactly to the previous step.
        waitFor(() -> text(robot, "#lessonStep").equals("7 / 8"));
        robot.clickOn("#lessonBack");
        waitFor(() -> text(robot, "#lessonStep").equals("6 / 8"));
        // Back lands on a step that waits for the presenter: Next goes on from there.
        assertThat(text(robot, "#lessonHint")).isEqualTo("at 3650 ms · Page Down to go on");
        assertThat(robot.lookup("#lessonNext").queryButton().isDisabled()).isFalse();
    }
}
