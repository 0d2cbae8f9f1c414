package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.List;
import org.junit.jupiter.api.Test;
class EventRoundTripTest {
    private static final Site SEND = new Site("Broadcast", "Room.Broadcast: m.Send(msg)");
    private static final Site PARK = new Site("Broadcast", "Room.Broadcast: wg.Wait()");

    private static final List<TraceEvent> ALL = List.of(
            new TraceEvent.LockCreated(0, 0, "membersMx", LockKind.RWMUTEX),
            new TraceEvent.Spawn(0, 1, "Broadcast#1", "broadcast", 0),
            new TraceEvent.MemberEvent(5, "alice", MemberChange.JOIN),
            new TraceEvent.Request(10, 1, 0, Mode.READ, Recorder.RLOCK),
            new TraceEvent.Acquire(10, 1, 0, Mode.READ, Recorder.RLOCK),
            new TraceEvent.SendStart(12, 1, "alice", 7, 300, SEND),
            new TraceEvent.SendStart(12, 1, "bob", 7, 5_000_000_000L, SEND), // duration beyond an int
            new TraceEvent.Deliver(312, 1, "alice", 7, 302),
            new TraceEvent.Drop(320, "bob", 6_000_000_000L),
            new TraceEvent.Blocked(330, 2, 0, List.of(1)),
            new TraceEvent.Park(340, 1, PARK),
            new TraceEvent.Sleep(350, 1, 40, PARK),
            new TraceEvent.Sleep(400, 3, 9_000_000_000L, PARK),
            new TraceEvent.CommandApplied(410, 99, true, new Command.SetLock(LockSemantics.FAIR)),
            new TraceEvent.Alert(420, AlertKind.LONG_WAIT, "g2 waited", "g2 waited\nlong", List.of(2), List.of(0)),
            new TraceEvent.Deliver(5_000_000_012L, 1, "bob", 7, 5_000_000_012L),
            new TraceEvent.Release(5_000_000_100L, 1, 0, Mode.READ, Recorder.RUNLOCK),
            new TraceEvent.Exit(5_000_000_200L, 1),
            new TraceEvent.End(5_000_000_300L));

    @Test
    void everyEventTypeIsRebuiltEqual() {
        TraceStore store = new TraceStore();
        ALL.forEach(store::accept);
        TraceView v = store.view();
        assertThat(v.size()).isEqualTo(ALL.size());
        for (int row = 0; row < ALL.size(); row++) {
            assertThat(v.event(row)).as("row %d", row).isEqualTo(ALL.get(row));
            assertThat(v.type(row)).isEqualTo(EventType.of(ALL.get(row)));
            assertThat(v.time(row)).isEqualTo(ALL.get(row).time());
        }
    }

    @Test
    void columnsAnswerWithoutRebuilding() {
        TraceStore store = new TraceStore();
        ALL.forEach(store::accept);
        TraceView v = store.view();
        assertThat(v.goroutine(4)).isEqualTo(1);
        assertThat(v.lock(4)).isZero();
        assertThat(v.mode(4)).isEqualTo(Mode.READ);
        assertThat(v.site(5)).isEqualTo(SEND);
        assertThat(v.memberName(v.member(5))).isEqualTo("alice");
        assertThat(v.memberId("bob")).isEqualTo(v.member(6));
        assertThat(v.memberId("carol")).isEqualTo(-1);
    }

    @Test
    void sendsParksAndSleepsBecomeIntervals() {
        TraceStore store = new TraceStore();
        ALL.forEach(store::accept);
        TraceView v = store.view();
        assertThat(v.kind(5)).isEqualTo(IntervalKind.SENDING);
        assertThat(v.end(5)).isEqualTo(312);
        assertThat(v.end(6)).isEqualTo(5_000_000_012L);
        assertThat(v.overlapping(Track.member(v.memberId("alice")), 0, 1000)).containsExactly(5);
        assertThat(v.kind(10)).isEqualTo(IntervalKind.PARKED);
        assertThat(v.end(10)).as("a park ends at the goroutine's next row").isEqualTo(350);
        assertThat(v.end(11)).isEqualTo(390);
        assertThat(v.kind(1)).isEqualTo(IntervalKind.RUNNING);
        assertThat(v.end(1)).isEqualTo(5_000_000_200L);
        assertThat(v.overlapping(Track.goroutine(1), 345, 346)).containsExactly(1, 4, 6, 10);
    }

    @Test
    void recursiveReadHoldsAreReleasedLastInFirstOut() {
        Recorder r = new Recorder(new TraceStore());
        int outer = r.take(0, 1, 0, Mode.READ);
        int inner = r.take(10, 1, 0, Mode.READ);
        int release = r.release(20, 1, 0, Mode.READ);
        TraceView v = r.store.view();
        assertThat(v.end(inner)).isEqualTo(20);
        assertThat(v.end(outer)).isEqualTo(TraceView.OPEN);
        assertThat(v.event(release)).isEqualTo(r.events.get(release));
    }

    @Test
    void unmatchedRowsAreCountedNotThrown() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Release(0, 1, 0, Mode.WRITE, Recorder.UNLOCK));
        store.accept(new TraceEvent.Deliver(1, 1, "alice", 1, 1));
        assertThat(store.view().unmatched()).isEqualTo(2);
        assertThat(store.view().size()).isEqualTo(2);
    }

    @Test
    void timeMustNotGoBackwards() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.End(10));
        assertThatThrownBy(() -> store.accept(new TraceEvent.End(9))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timesSpanningMoreThanAChunkOffsetAndManyChunksAreExact() {
        TraceStore store = new TraceStore();
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            // Mostly 1 ns apart, with a jump of 5 s every 50 000 rows: inside a 65 536-row chunk.
            store.accept(new TraceEvent.Exit(time(i), 1));
        }
        TraceView v = store.view();
        for (int i = 0; i < n; i++) {
            assertThat(v.time(i)).isEqualTo(time(i));
        }
    }

    private static long time(int i) {
        return i + (i / 50_000) * 5_000_000_000L;
    }
}
