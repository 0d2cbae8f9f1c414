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
 * What Perfetto and gotraceui users expect: search by name with next and previous, and a row per goroutine on
 * request.
 */
@ExtendWith(ApplicationExtension.class)
class SearchTest {
    private final TraceStore store = ArticleTrace.run(12_000);
    private TimelineView timeline;

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        TimelineFx.show(stage, timeline, 1000, 500);
    }

    private List<SearchMatch> search(FxRobot robot, String text) {
        robot.interact(() -> timeline.search(text));
        TimelineFx.await(() -> !timeline.getMatches().isEmpty());
        TimelineFx.nextFrame(timeline);
        return timeline.getMatches();
    }

    private List<String> labels(FxRobot robot) {
        @SuppressWarnings("unchecked")
        List<String>[] out = new List[1];
        robot.interact(() -> out[0] = TimelineFx.skin(timeline).layoutForTests().rows().stream()
                .filter(r -> r.type() == RowLayout.Type.LANE).map(RowLayout.Row::label).toList());
        return out[0];
    }

    @Test
    void aGoroutineIsFoundSelectedAndShown(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        robot.interact(() -> timeline.showRange(0, 1_000_000_000L));
        List<SearchMatch> found = search(robot, "broadcast#14");
        assertThat(found).extracting(SearchMatch::kind, SearchMatch::name)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SearchMatch.Kind.GOROUTINE, "Broadcast#14"));
        assertThat(timeline.getMatchIndex()).isZero();
        assertThat(timeline.getSelection().goroutine().name()).isEqualTo("Broadcast#14");
        assertThat(timeline.getVisibleStart()).isLessThanOrEqualTo(found.getFirst().start());
        assertThat(timeline.getVisibleEnd()).isGreaterThan(found.getFirst().start());
    }

    @Test
    void nextAndPreviousGoRoundTheMatchesRowsFirst(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        List<SearchMatch> found = search(robot, "eve");
        assertThat(found.getFirst()).isEqualTo(new SearchMatch(SearchMatch.Kind.MEMBER, "eve", -1, -1));
        assertThat(found).extracting(SearchMatch::name).contains("Add(eve)", "Reload(eve)");
        assertThat(timeline.getSubject()).containsExactly("eve"); // a row match is marked and in view
        assertThat(timeline.isRowVisible("eve")).isTrue();
        robot.interact(timeline::nextMatch);
        assertThat(timeline.getMatchIndex()).isEqualTo(1);
        assertThat(timeline.getSelection().goroutine().name()).isEqualTo(found.get(1).name());
        robot.interact(timeline::previousMatch);
        robot.interact(timeline::previousMatch);
        assertThat(timeline.getMatchIndex()).as("before the first, the last").isEqualTo(found.size() - 1);
        robot.interact(() -> timeline.search(""));
        assertThat(timeline.getMatches()).isEmpty();
        assertThat(timeline.getMatchIndex()).isEqualTo(-1);
    }

    @Test
    void aLockIsFoundByName(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        assertThat(search(robot, "MEMBERSMX")).containsExactly(new SearchMatch(SearchMatch.Kind.LOCK, "membersMx", -1, -1));
        assertThat(timeline.getSubject()).containsExactly("membersMx");
    }

    @Test
    void oneRowPerGoroutineOnRequest(FxRobot robot) {
        TimelineFx.nextFrame(timeline);
        assertThat(labels(robot)).contains("lane 4").doesNotContain("Broadcast#14");
        robot.interact(() -> timeline.setGoroutineRows(GoroutineRows.ONE_PER_GOROUTINE));
        TimelineFx.nextFrame(timeline);
        TimelineFx.nextFrame(timeline);
        List<String> rows = labels(robot);
        assertThat(rows).contains("Broadcast#11", "Broadcast#14", "Reload(eve)").doesNotContain("lane 1");
        assertThat(rows.stream().filter(l -> l.startsWith("Broadcast#"))).hasSize(24); // Broadcast · 24
        robot.interact(() -> timeline.setGoroutineRows(GoroutineRows.PACKED));
        TimelineFx.nextFrame(timeline);
        TimelineFx.nextFrame(timeline);
        assertThat(labels(robot)).contains("lane 4");
    }
}
