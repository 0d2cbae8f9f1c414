package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.timeline.impl.RowLayout;
import dev.lockscope.trace.store.TraceStore;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The subject: rows named by a lesson step come into view and are marked; where they do not fit together, the
 * goroutine groups between them that are not named are collapsed, and open again with the next subject.
 */
@ExtendWith(ApplicationExtension.class)
class SubjectTest {
    private final TraceStore store = ArticleTrace.run(12_000); // 8 Broadcast lanes, then Add(eve), then 10 Reload lanes
    private TimelineView timeline;

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        timeline.setScale(1.35);
        TimelineFx.show(stage, timeline, 900, 420);
    }

    private boolean collapsed(FxRobot robot, String group) {
        boolean[] out = new boolean[1];
        robot.interact(() -> out[0] = TimelineFx.skin(timeline).layoutForTests().rows().stream()
                .anyMatch(r -> r.type() == RowLayout.Type.GROUP && r.label().equals(group) && r.collapsed()));
        return out[0];
    }

    private boolean visible(FxRobot robot, String name) {
        boolean[] out = new boolean[1];
        robot.interact(() -> out[0] = timeline.isRowVisible(name));
        return out[0];
    }

    @Test
    void namedRowsComeIntoViewCollapsingTheGroupsBetweenThem(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        assertThat(visible(robot, "Reload")).as("the Reload lanes start below the fold").isFalse();
        robot.interact(() -> timeline.setSubject(List.of("membersMx", "Reload")));
        TimelineFx.nextFrame(timeline);
        TimelineFx.nextFrame(timeline);
        assertThat(visible(robot, "membersMx")).isTrue();
        assertThat(visible(robot, "Reload")).isTrue();
        assertThat(collapsed(robot, "Broadcast")).as("Broadcast, between them and not named, collapsed").isTrue();

        robot.interact(() -> timeline.setSubject(List.of("Add(eve)")));
        TimelineFx.nextFrame(timeline);
        assertThat(collapsed(robot, "Broadcast")).as("opened again for the next subject").isFalse();
        assertThat(visible(robot, "Add(eve)")).isTrue();
        assertThat(visible(robot, "Add")).as("the group of one, by its key").isTrue();
    }

    @Test
    void aNameWithoutRowsIsNotVisible(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        assertThat(visible(robot, "nobody")).isFalse();
        assertThat(visible(robot, "membersMx")).isTrue();
    }
}
