package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.trace.store.TraceStore;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Follow mode keeps "now" at the right edge as the run grows; manual navigation leaves it; L and the button return. */
@ExtendWith(ApplicationExtension.class)
class FollowModeTest {
    private static final long MS = 1_000_000L;

    private final TraceStore store = new TraceStore();
    private final Simulation sim;
    private TimelineView timeline;

    FollowModeTest() throws Exception {
        sim = Simulation.start(BuiltinScenarios.byName("article").orElseThrow(), store);
        sim.runUntil(3_000 * MS);
    }

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        timeline.setLive(true);
        TimelineFx.show(stage, timeline, 1170, 700);
    }

    /** The range follow mode shows for the current trace: span kept, now at 95 %. */
    private void assertFollowing(long span) {
        long now = store.view().now();
        TimelineFx.await(() -> timeline.getVisibleEnd() == now + span / 20);
        assertThat(timeline.getVisibleEnd() - timeline.getVisibleStart()).isEqualTo(span);
    }

    @Test
    void followScrollsWithNowUntilTheUserPans(FxRobot robot) {
        robot.interact(() -> {
            timeline.showRange(0, 2_000 * MS);
            timeline.setFollow(true);
            timeline.requestFocus();
        });
        assertFollowing(2_000 * MS);

        sim.runUntil(6_000 * MS); // the run goes on (here on the test thread; in the lab on its own)
        assertFollowing(2_000 * MS);
        assertThat(timeline.getVisibleStart()).isGreaterThan(3_000 * MS);

        robot.moveTo(TimelineFx.plotPoint(timeline, 500, 300));
        robot.type(KeyCode.A);
        assertThat(timeline.isFollow()).isFalse();
        long start = timeline.getVisibleStart();
        sim.runUntil(7_000 * MS);
        TimelineFx.nextFrame(timeline);
        assertThat(timeline.getVisibleStart()).isEqualTo(start); // no longer follows

        robot.type(KeyCode.L);
        assertThat(timeline.isFollow()).isTrue();
        assertFollowing(2_000 * MS);
    }

    @Test
    void zoomLeavesFollowAndTheButtonReturns(FxRobot robot) {
        robot.interact(() -> {
            timeline.setFollow(true);
            timeline.requestFocus();
        });
        TimelineFx.nextFrame(timeline);
        Button button = robot.lookup(".timeline-follow-button").queryButton();
        assertThat(button.isVisible()).isFalse();

        robot.moveTo(TimelineFx.plotPoint(timeline, 500, 300));
        robot.type(KeyCode.W);
        assertThat(timeline.isFollow()).isFalse();
        TimelineFx.nextFrame(timeline);
        assertThat(button.isVisible()).isTrue();

        robot.clickOn(button);
        assertThat(timeline.isFollow()).isTrue();
        TimelineFx.nextFrame(timeline);
        assertThat(button.isVisible()).isFalse();
    }

    @Test
    void aRunYoungerThanTheSpanIsShownFromItsStart(FxRobot robot) {
        robot.interact(() -> {
            timeline.showRange(0, 100_000 * MS);
            timeline.setFollow(true);
        });
        // now is well inside the first 100 s: the view starts just before 0, not at now - 95 s.
        TimelineFx.await(() -> timeline.getVisibleStart() == -2_000 * MS);
        assertThat(timeline.getVisibleEnd()).isEqualTo(98_000 * MS);
    }
}
