package dev.lockscope.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.lesson.BuiltinLessons;
import dev.lockscope.lesson.Lesson;
import dev.lockscope.lesson.LessonJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps through each built-in lesson as a presenter would, checking when each caption comes up. */
class BuiltinLessonsTest {

    record Reached(int index, String title, double atMs) {}

    /** Runs a lesson, pressing Next whenever it pauses or waits for the presenter, until it ends. */
    static List<Reached> present(String name, Recorder events) throws Exception {
        Lesson lesson = BuiltinLessons.byName(name).orElseThrow();
        List<Reached> reached = new ArrayList<>();
        LessonRunner runner = new LessonRunner(lesson, events,
                (i, step, t) -> reached.add(new Reached(i, step.title(), t / 1e6)));
        for (int presses = 0; presses < 50 && !runner.simulation().isEnded(); presses++) {
            runner.runToNextPause();
            if (!runner.next() && runner.simulation().now() >= runner.simulation().durationNs()) {
                break;
            }
        }
        return reached;
    }

    @Test
    void everyBuiltInLessonLoads() {
        assertThat(BuiltinLessons.list()).extracting(BuiltinLessons.Entry::name)
                .containsExactly("article", "writer-preference", "lock-order", "recursive-rlock", "timeout-leak");
        BuiltinLessons.list().forEach(e -> assertThat(BuiltinLessons.byName(e.name())).isPresent());
    }

    @Test
    void writerPreferenceComesUpAtTheHandComputedInstants() throws Exception {
        Recorder events = new Recorder();
        List<Reached> r = present("writer-preference", events);
        assertThat(r).extracting(Reached::atMs).startsWith(700.0, 1010.0, 1200.0, 1650.0);
        // The manual switch to reader-preferring comes at 1650; e's Add then starves: 2 s (and 1 ns) later.
        assertThat(r.get(4).atMs()).isEqualTo(1650.0);
        assertThat(r.get(5).title()).isEqualTo("The writer starves");
        assertThat(r.get(5).atMs()).isEqualTo(3650.000001);
        assertThat(r).hasSize(8);
        assertThat(LockOps.of(events.events).waits.get("Add").getFirst()).isEqualTo(640.0);
    }

    @Test
    void lockOrderLessonShowsTheInversionThenTheDeadlock() throws Exception {
        List<Reached> r = present("lock-order", new Recorder());
        assertThat(r).extracting(Reached::title, Reached::atMs).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Two locks", 0.0),
                org.assertj.core.groups.Tuple.tuple("An inconsistent order", 110.0),
                org.assertj.core.groups.Tuple.tuple("ABBA", 310.0));
    }

    @Test
    void recursiveReadLockLessonDeadlocksThenTheSwitchFreesIt() throws Exception {
        Recorder events = new Recorder();
        List<Reached> r = present("recursive-rlock", events);
        assertThat(r).extracting(Reached::atMs).containsExactly(0.0, 5.0, 10.0, 10.0, 10.0);
        // After the switch to reader-preferring, g1 gets its second read lock and g2 finally writes.
        assertThat(events.of(TraceEvent.Acquire.class).filter(a -> a.g() == 2)).hasSize(1);
    }

    @Test
    void timeoutLeakLessonComesUpAtEachLeakOfGoBenchKubernetes5316() throws Exception {
        // At 10 ms the first request is under way (its goroutine and finishRequest have rows). Requests every 100 ms,
        // every third one 80 ms long against a 50 ms timeout: the first slow one (200 ms)
        // times out at 250 and leaks at 280; the sixth leaks at 1780; the server stops at 2000, and only the
        // leaked goroutines are left. The last step is the presenter's, at the instant the run paused.
        Recorder events = new Recorder();
        List<Reached> r = present("timeout-leak", events);
        assertThat(r).extracting(Reached::title, Reached::atMs).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A request with a timeout", 10.0),
                org.assertj.core.groups.Tuple.tuple("The timeout wins", 250.0),
                org.assertj.core.groups.Tuple.tuple("A goroutine leaks", 280.0),
                org.assertj.core.groups.Tuple.tuple("They add up", 1790.0),
                org.assertj.core.groups.Tuple.tuple("Go notices only when nothing else runs", 2000.0),
                org.assertj.core.groups.Tuple.tuple("The fix", 2000.0));
        assertThat(events.of(TraceEvent.Alert.class).filter(a -> a.kind() == dev.lockscope.event.AlertKind.LEAK)
                .map(a -> a.time() / 1_000_000)).containsExactly(280L, 580L, 880L, 1180L, 1480L, 1780L);
    }

    @Test
    void articleLessonFollowsTheStory() throws Exception {
        Recorder events = new Recorder();
        List<Reached> r = present("article", events);
        assertThat(r).extracting(Reached::title).containsExactly("A chat room", "1. A slow member joins",
                "2. Updates slow down for everyone", "3. Members reload", "4. Add is stuck", "The fix", "The price",
                "Out of order");
        assertThat(r.get(0).atMs()).isEqualTo(1200.0); // three short broadcasts in view: the lock mostly free
        assertThat(r.get(1).atMs()).isEqualTo(5000.0);
        // Each step comes up when its event happens: the first long hold, eve's reload, the first long wait.
        double firstHold = events.of(TraceEvent.Alert.class)
                .filter(a -> a.kind() == dev.lockscope.event.AlertKind.LONG_HOLD).findFirst().orElseThrow().time() / 1e6;
        double firstReload = events.of(TraceEvent.MemberEvent.class)
                .filter(m -> m.change() == dev.lockscope.event.MemberChange.RELOAD).findFirst().orElseThrow().time() / 1e6;
        double firstLongWait = events.of(TraceEvent.Alert.class)
                .filter(a -> a.kind() == dev.lockscope.event.AlertKind.LONG_WAIT).findFirst().orElseThrow().time() / 1e6;
        assertThat(r.get(2).atMs()).isEqualTo(firstHold);
        assertThat(r.get(3).atMs()).isEqualTo(firstReload);
        assertThat(r.get(4).atMs()).isEqualTo(firstLongWait);
        // The fix was applied live, as a recorded command.
        assertThat(events.of(TraceEvent.CommandApplied.class).filter(TraceEvent.CommandApplied::live)).hasSize(2);
    }

    @Test
    void aStepWaitsForThePresenterUnlessItSaysOtherwiseAndNamesItsRows() throws Exception {
        Lesson l = LessonJson.read("l.json", """
                {"name": "x", "scenario": "article", "steps": [
                  {"title": "a", "caption": "c", "when": {"atMs": 0}, "show": ["membersMx", "eve"]},
                  {"title": "b", "caption": "c", "when": {"atMs": 10}, "pause": false}]}
                """, null);
        assertThat(l.steps().get(0).pause()).isTrue();
        assertThat(l.steps().get(1).pause()).isFalse();
        assertThat(l.steps().get(0).show()).containsExactly("membersMx", "eve");
        assertThat(l.steps().get(1).show()).isEmpty();
    }

    @Test
    void everyBuiltInStepWaitsForThePresenterAndNamesItsRows() {
        for (BuiltinLessons.Entry e : BuiltinLessons.list()) {
            assertThat(BuiltinLessons.byName(e.name()).orElseThrow().steps()).as(e.name()).allSatisfy(step -> {
                assertThat(step.pause()).as(step.title()).isTrue();
                assertThat(step.show()).as(step.title()).isNotEmpty();
            });
        }
    }

    @Test
    void aRowNameMustBeAString() {
        String text = """
                {"name": "x", "scenario": "article",
                 "steps": [{"title": "t", "caption": "c", "when": {"atMs": 0}, "show": ["eve", 3]}]}
                """;
        assertThatThrownBy(() -> LessonJson.read("l.json", text, null)).isInstanceOf(InputException.class)
                .hasMessageContaining("l.json:2: steps[0].show: expected a list of row names")
                .hasMessageEndingWith("got 3 at [1]");
    }

    @Test
    void badLessonFilesSayWhere() {
        String text = """
                {"name": "x", "scenario": "article",
                 "steps": [{"title": "t", "caption": "c", "when": {"alert": "slow"}}]}
                """;
        assertThatThrownBy(() -> LessonJson.read("l.json", text, null)).isInstanceOf(InputException.class)
                .hasMessage("l.json:2: steps[0].when.alert: expected one of long-wait, long-hold, lock-order, "
                        + "recursive, deadlock, global-deadlock, leak, panic, got \"slow\"");
    }
}
