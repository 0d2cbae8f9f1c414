package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.trace.store.TraceStore;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Zoom and pan by keys, drag and wheel, with the visible ranges worked out by hand: the plot is 1000 px wide
 * (scene 1170 px, labels 170 px) and shows [0, 1 s) at the start, so one pixel is 1 ms.
 */
@ExtendWith(ApplicationExtension.class)
class TimelineNavigationTest {
    private static final long MS = 1_000_000L;

    private final TraceStore store = ArticleTrace.run(12_000);
    private TimelineView timeline;

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        TimelineFx.show(stage, timeline, 1170, 700);
    }

    @BeforeEach
    void showFirstSecond(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        robot.interact(() -> {
            timeline.showRange(0, 1000 * MS);
            timeline.requestFocus();
        });
        TimelineFx.nextFrame(timeline);
        robot.interact(() -> assertThat(TimelineFx.skin(timeline).plotWidth()).isEqualTo(1000.0));
    }

    private void assertRange(long startMs, long endMs) {
        assertThat(new long[] {timeline.getVisibleStart(), timeline.getVisibleEnd()})
                .containsExactly(startMs * MS, endMs * MS);
    }

    @Test
    void wZoomsInAtTheCursorAndSZoomsBackOut(FxRobot robot) {
        robot.moveTo(TimelineFx.plotPoint(timeline, 250, 300));
        robot.type(KeyCode.W);
        // the time under the cursor (250 ms) stays at 1/4 of the plot while the span shrinks to 800 ms
        assertRange(50, 850);
        robot.type(KeyCode.S);
        // 1.25 x 800 ms = 1000 ms around 250 ms at 1/4
        assertRange(0, 1000);
    }

    @Test
    void dPansRightAndAPansBackByAFifth(FxRobot robot) {
        robot.moveTo(TimelineFx.plotPoint(timeline, 500, 300));
        robot.type(KeyCode.D);
        assertRange(200, 1200);
        robot.type(KeyCode.A);
        robot.type(KeyCode.A);
        assertRange(-200, 800);
    }

    @Test
    void dragPansByTheDraggedPixels(FxRobot robot) {
        robot.moveTo(TimelineFx.plotPoint(timeline, 600, 300));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(TimelineFx.plotPoint(timeline, 500, 300));
        robot.moveTo(TimelineFx.plotPoint(timeline, 400, 300));
        robot.release(MouseButton.PRIMARY);
        // content dragged 200 px to the left: the view moves 200 ms later
        assertRange(200, 1200);
    }

    @Test
    void wheelZoomsKeepingTheTimeUnderTheCursor(FxRobot robot) {
        robot.moveTo(TimelineFx.plotPoint(timeline, 250, 300));
        robot.scroll(1, javafx.geometry.VerticalDirection.UP);
        TimelineFx.await(() -> timeline.getVisibleEnd() - timeline.getVisibleStart() != 1000 * MS);
        long span = timeline.getVisibleEnd() - timeline.getVisibleStart();
        long underCursor = timeline.getVisibleStart() + span / 4;
        // one notch is a factor of 0.8 or 1.25; which way "up" turns depends on the platform's robot
        assertThat(span).isIn(800 * MS, 1250 * MS);
        assertThat(underCursor).isBetween(250 * MS - 1, 250 * MS + 1);
    }

    @Test
    void homeFitsTheWholeTrace(FxRobot robot) {
        robot.moveTo(TimelineFx.plotPoint(timeline, 500, 300));
        robot.type(KeyCode.HOME);
        long now = store.view().now();
        assertThat(timeline.getVisibleStart()).isEqualTo(-(now / 50));
        assertThat(timeline.getVisibleEnd()).isEqualTo(now + now / 50);
    }

    @Test
    void dragOnTheAxisSummarizesTheRange(FxRobot robot) {
        robot.interact(() -> timeline.showRange(6000 * MS, 9000 * MS)); // 3 ms per pixel
        TimelineFx.nextFrame(timeline);
        robot.moveTo(TimelineFx.plotPoint(timeline, 0, 20));
        robot.press(MouseButton.PRIMARY);
        robot.moveTo(TimelineFx.plotPoint(timeline, 300, 20));
        robot.moveTo(TimelineFx.plotPoint(timeline, 500, 20));
        robot.release(MouseButton.PRIMARY);
        TimelineFx.await(() -> timeline.getRangeSummary() != null);
        RangeSummary s = timeline.getRangeSummary();
        assertThat(s.start()).isEqualTo(6000 * MS);
        assertThat(s.end()).isEqualTo(7500 * MS);
        assertThat(s.rows()).extracting(RangeSummary.Row::name).contains("membersMx", "Broadcast", "Reload");
        RangeSummary.Row lock = s.rows().getFirst();
        assertThat(lock.waits()).isGreaterThanOrEqualTo(3);
        assertThat(lock.maxWait()).isGreaterThan(1000 * MS);
        assertThat(timeline.getVisibleStart()).isEqualTo(6000 * MS); // selecting a range does not pan
    }
}
