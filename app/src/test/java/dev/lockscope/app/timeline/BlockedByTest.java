package dev.lockscope.app.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.app.timeline.TimelineSelection.Link;
import dev.lockscope.app.timeline.TimelineSelection.Party;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.trace.store.Track;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The article's stall through the mouse: Broadcast#14 waits behind the pending writer Reload(eve) (eve's Remove),
 * which waits for Broadcast#13, the broadcast holding the read lock while it sends to eve.
 */
@ExtendWith(ApplicationExtension.class)
class BlockedByTest {
    private static final long MS = 1_000_000L;

    private final TraceStore store = ArticleTrace.run(12_000);
    private final TraceView view = store.view();
    private final int broadcast13 = ArticleTrace.goroutine(view, "Broadcast#13");
    private final int broadcast14 = ArticleTrace.goroutine(view, "Broadcast#14");
    private final int reloadEve = ArticleTrace.goroutine(view, "Reload(eve)");
    private final int wait14 = view.waitAt(broadcast14, 7_500 * MS);
    private TimelineView timeline;

    @Start
    void start(Stage stage) {
        timeline = new TimelineView(store);
        TimelineFx.show(stage, timeline, 1170, 700);
    }

    @BeforeEach
    void showTheStall(FxRobot robot) {
        assertThat(wait14).isNotNegative();
        robot.interact(() -> timeline.showRange(6_000 * MS, 9_000 * MS));
        TimelineFx.nextFrame(timeline);
    }

    @Test
    void hoveringAWaitShowsWhomItWaitedFor(FxRobot robot) {
        robot.moveTo(TimelineFx.barPointAt(robot, timeline, wait14, 7_500 * MS));
        Node tip = robot.lookup(".timeline-tooltip").query();
        TimelineFx.await(tip::isVisible);
        String text = ((Label) tip).getText();
        assertThat(text).startsWith("Waiting for membersMx (RLock)").contains("Broadcast#14");
        assertThat(text).contains("Reload(eve) (g" + reloadEve + "), the pending writer");
        assertThat(text).contains("which waits for Broadcast#13 (g" + broadcast13 + "), holding membersMx (RLock), sending to eve");
    }

    @Test
    void clickingAWaitSelectsItWithItsBlockedByChain(FxRobot robot) {
        Point2D at = TimelineFx.barPointAt(robot, timeline, wait14, 7_500 * MS);
        robot.clickOn(at);
        TimelineSelection s = timeline.getSelection();
        assertThat(s).isNotNull();
        assertThat(s.kind()).isEqualTo(IntervalKind.WAITING);
        assertThat(s.interval()).isEqualTo(wait14);
        assertThat(s.goroutine()).isEqualTo(new Party(broadcast14, "Broadcast#14"));
        assertThat(s.lockName()).isEqualTo("membersMx");
        assertThat(s.mode()).isEqualTo(Mode.READ);
        assertStall(s);
    }

    @Test
    void selectingTheAlertSelectsTheSameWait(FxRobot robot) {
        TraceEvent.Alert alert = ArticleTrace.alert(view, AlertKind.LONG_WAIT, "Broadcast#14");
        boolean[] selected = new boolean[1];
        robot.interact(() -> selected[0] = timeline.selectAlert(alert));
        assertThat(selected[0]).isTrue();
        TimelineSelection s = timeline.getSelection();
        assertThat(s.interval()).isEqualTo(wait14);
        assertThat(s.at()).isEqualTo(alert.time());
        assertThat(s.alert()).isEqualTo(alert);
        assertStall(s);
        // the jump shows the whole wait
        assertThat(timeline.getVisibleStart()).isLessThan(s.start());
        assertThat(timeline.getVisibleEnd()).isGreaterThan(s.end());
        assertThat(timeline.isFollow()).isFalse();
    }

    /** Broadcast#14 -> pending writer Reload(eve) -> Broadcast#13, which is sending to eve. */
    private void assertStall(TimelineSelection s) {
        Party b13 = new Party(broadcast13, "Broadcast#13");
        Party reload = new Party(reloadEve, "Reload(eve)");
        assertThat(s.blockedBy()).extracting(Link::blocker).containsExactly(reload);
        assertThat(s.blockedBy().getFirst().pendingWriter()).isTrue();
        assertThat(s.chain()).extracting(l -> l.waiter().name() + " -> " + l.blocker().name())
                .containsExactly("Broadcast#14 -> Reload(eve)", "Reload(eve) -> Broadcast#13");
        assertThat(s.roots()).containsExactly(b13);
        boolean sendingToEve = false;
        for (int id : view.overlapping(Track.goroutine(broadcast13), s.at(), s.at() + 1)) {
            if (view.kind(id) == IntervalKind.SENDING && "eve".equals(view.memberName(view.intervalMember(id)))) {
                sendingToEve = true;
            }
        }
        assertThat(sendingToEve).as("Broadcast#13 is sending to eve at the instant").isTrue();
    }

    @Test
    void selectingAHoldShowsWhoQueuedBehindIt(FxRobot robot) {
        int hold13 = -1;
        for (int id : view.overlapping(Track.goroutine(broadcast13), 7_500 * MS, 7_500 * MS + 1)) {
            if (view.kind(id) == IntervalKind.HOLD_READ) {
                hold13 = id;
            }
        }
        int hold = hold13;
        robot.clickOn(TimelineFx.barPoint(robot, timeline, hold, 0.5));
        TimelineSelection s = timeline.getSelection();
        assertThat(s.interval()).isEqualTo(hold);
        assertThat(s.kind()).isEqualTo(IntervalKind.HOLD_READ);
        assertThat(s.queuedBehind()).extracting(l -> l.waiter().name())
                .contains("Reload(eve)", "Broadcast#14", "Broadcast#15");
        assertThat(s.queuedBehind()).filteredOn(l -> l.waiter().name().equals("Reload(eve)"))
                .extracting(Link::depth).containsExactly(0); // directly
        assertThat(s.queuedBehind()).filteredOn(l -> l.waiter().name().equals("Broadcast#14"))
                .extracting(Link::depth).containsExactly(1); // through the pending writer
    }

    @Test
    void aLongHoldsAlertIsToldAtItsInstantAsItsReportTellsIt(FxRobot robot) {
        TraceEvent.Alert alert = ArticleTrace.alert(view, AlertKind.LONG_HOLD, "Broadcast#11");
        assertThat(alert.time()).isEqualTo(6_000 * MS);
        assertThat(alert.report()).contains("Nobody waits behind it.");
        robot.interact(() -> assertThat(timeline.selectAlert(alert)).isTrue());
        TimelineSelection s = timeline.getSelection();
        assertThat(s.kind()).isEqualTo(IntervalKind.HOLD_READ);
        assertThat(s.queuedBehind()).isNotEmpty(); // later in the hold, eve's reload and a broadcast queue behind it
        assertThat(s.story().getFirst()).isEqualTo("At 6.000 s, nobody waits behind Broadcast#11's hold of membersMx");
        assertThat(s.story().get(1)).startsWith("  over the whole hold (5.000 s – ").endsWith(", "
                + s.queuedBehind().size() + " waits queued behind it");
    }

    @Test
    void aWaitsStoryIsItsChain(FxRobot robot) {
        TraceEvent.Alert alert = ArticleTrace.alert(view, AlertKind.LONG_WAIT, "Broadcast#14");
        robot.interact(() -> timeline.selectAlert(alert));
        assertThat(timeline.getSelection().story()).containsExactly(
                "At 7.500 s, Broadcast#14 has waited 1 s for membersMx (RLock)",
                "  Broadcast#14 waits for Reload(eve), a pending writer: it blocks new readers",
                "    Reload(eve) waits for Broadcast#13, holding membersMx (RLock), sending to eve");
    }

    @Test
    void escapeClearsTheSelection(FxRobot robot) {
        robot.clickOn(TimelineFx.barPoint(robot, timeline, wait14, 0.6));
        assertThat(timeline.getSelection()).isNotNull();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(timeline.getSelection()).isNull();
    }
}
