package dev.lockscope.detect;

import static dev.lockscope.run.Scripts.script;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Scripts;
import dev.lockscope.run.Simulation;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * go-deadlock's own tests (deadlock_test.go) as lock scripts: the same alerts it raises, plus the deadlocks it
 * cannot see. Its {@code Opts.DeadlockTimeout} becomes {@code waitThresholdMs}.
 */
class GoDeadlockParityTest {

    private static Recorder run(Scripts s) throws Exception {
        Recorder r = new Recorder();
        Simulation.run(s.build(), r);
        return r;
    }

    private static Map<AlertKind, Long> counts(Recorder r) {
        Map<AlertKind, Long> counts = new EnumMap<>(AlertKind.class);
        for (AlertKind k : AlertKind.values()) {
            counts.put(k, r.of(TraceEvent.Alert.class).filter(a -> a.kind() == k).count());
        }
        return counts;
    }

    private static List<TraceEvent.Alert> alerts(Recorder r, AlertKind kind) {
        return r.of(TraceEvent.Alert.class).filter(a -> a.kind() == kind).toList();
    }

    @Test
    void testLockOrder() throws Exception {
        // a RWMutex, b Mutex; one goroutine takes a then b; later another takes b then a (read).
        Recorder r = run(script().rwmutex("a").mutex("b").duration(100)
                .go("g1", 0, "lock a", "lock b", "unlock b", "unlock a")
                .go("g2", 10, "lock b", "rlock a", "runlock a", "unlock b"));
        assertThat(counts(r)).containsEntry(AlertKind.LOCK_ORDER, 1L).containsEntry(AlertKind.DEADLOCK, 0L)
                .containsEntry(AlertKind.LONG_WAIT, 0L);
        TraceEvent.Alert a = alerts(r, AlertKind.LOCK_ORDER).getFirst();
        assertThat(a.time()).isEqualTo(10_000_000L);
        assertThat(a.report()).contains("g1 #1: lock a", "g1 #2: lock b", "g2 #1: lock b", "g2 #2: rlock a");
    }

    @Test
    void testHardDeadlock() throws Exception {
        // main holds mu for 100 ms; a goroutine waits for it; DeadlockTimeout 20 ms.
        Recorder r = run(script().mutex("mu").waitThreshold(20).duration(200)
                .go("main", 0, "lock mu", "sleep 100", "unlock mu")
                .go("g", 0, "lock mu", "unlock mu"));
        assertThat(counts(r)).containsEntry(AlertKind.LONG_WAIT, 1L).containsEntry(AlertKind.DEADLOCK, 0L);
        TraceEvent.Alert a = alerts(r, AlertKind.LONG_WAIT).getFirst();
        assertThat(a.time()).isEqualTo(20_000_000L);
        assertThat(a.report()).contains("g (g2) has waited 20 ms for mu (Lock)", "blocked by main (g1), holding mu");
    }

    @Test
    void testRWMutex() throws Exception {
        // main read-locks a; a writer then waits; a reader arriving later waits behind the pending writer.
        Recorder r = run(script().rwmutex("a").waitThreshold(20).duration(300)
                .go("main", 0, "rlock a", "sleep 150", "runlock a")
                .go("writer", 0, "lock a", "unlock a")
                .go("reader", 100, "rlock a", "runlock a"));
        assertThat(counts(r)).containsEntry(AlertKind.LONG_WAIT, 2L).containsEntry(AlertKind.DEADLOCK, 0L);
        List<TraceEvent.Alert> waits = alerts(r, AlertKind.LONG_WAIT);
        assertThat(waits.get(0).time()).isEqualTo(20_000_000L);
        assertThat(waits.get(1).time()).isEqualTo(120_000_000L);
        // Beyond go-deadlock: the reader's report names the pending writer, and through it the holder.
        assertThat(waits.get(1).report())
                .contains("blocked by the pending writer writer (g2)")
                .contains("blocked by main (g1), holding a (RLock)");
        assertThat(waits.get(1).goroutines()).containsExactly(3, 2, 1);
    }

    @Test
    void testLockDuplicate() throws Exception {
        Recorder r = run(script().rwmutex("a").mutex("b").duration(1000)
                .go("g1", 0, "rlock a", "lock a", "runlock a", "unlock a")
                .go("g2", 0, "lock b", "lock b", "unlock b", "unlock b"));
        // go-deadlock reports the two recursive lockings; both are also real deadlocks, which it cannot see.
        assertThat(counts(r)).containsEntry(AlertKind.RECURSIVE, 2L).containsEntry(AlertKind.DEADLOCK, 2L);
        assertThat(alerts(r, AlertKind.DEADLOCK)).extracting(TraceEvent.Alert::goroutines)
                .containsExactly(List.of(1), List.of(2));
    }

    @Test
    void abbaDeadlockIsReportedOnceWithBothGoroutinesAndLocks() throws Exception {
        Recorder r = run(script().mutex("A").mutex("B").duration(500)
                .go("g1", 0, "lock A", "sleep 10", "lock B", "unlock B", "unlock A")
                .go("g2", 0, "lock B", "sleep 10", "lock A", "unlock A", "unlock B"));
        assertThat(counts(r)).containsEntry(AlertKind.DEADLOCK, 1L).containsEntry(AlertKind.LOCK_ORDER, 1L)
                .containsEntry(AlertKind.LONG_WAIT, 0L).containsEntry(AlertKind.RECURSIVE, 0L);
        TraceEvent.Alert d = alerts(r, AlertKind.DEADLOCK).getFirst();
        assertThat(d.time()).isEqualTo(10_000_000L);
        assertThat(d.goroutines()).containsExactlyInAnyOrder(1, 2);
        assertThat(d.locks()).containsExactlyInAnyOrder(0, 1);
        // go-deadlock records "A then B" when g1, holding A, asks for B (lockOrder.preLock runs before the lock
        // blocks), so g2's request for A while holding B is an inversion, at the same instant: one alert.
        assertThat(counts(r)).containsEntry(AlertKind.LOCK_ORDER, 1L);
        TraceEvent.Alert order = alerts(r, AlertKind.LOCK_ORDER).getFirst();
        assertThat(order.time()).isEqualTo(10_000_000L);
        assertThat(order.report()).contains("Seen before: g1 (g1) held A (taken at g1 #1: lock A)",
                "and asked for B at g1 #3: lock B", "Now: g2 (g2) holds B (taken at g2 #1: lock B)",
                "and asks for A at g2 #3: lock A");
    }

    @Test
    void aLockLeftHeldByAnExitedGoroutineIsReportedWithItsHolderNamed() throws Exception {
        // GoBench's "missing unlock" class: main returns still holding ds. go-deadlock (deadlock.go, lock(): the
        // timer goroutine) prints only "Previous place where the lock was grabbed" with main's goroutine id after
        // DeadlockTimeout, and has no long-hold check at all. Lockscope: one long-wait, whose chain names main
        // as exited, and one long-hold, whose clock keeps running after the exit.
        Recorder r = run(script().mutex("ds").duration(3000)
                .go("main", 0, "lock ds", "sleep 1")
                .go("worker", 0, "lock ds", "unlock ds"));

        assertThat(counts(r)).containsEntry(AlertKind.LONG_WAIT, 1L).containsEntry(AlertKind.LONG_HOLD, 1L)
                .containsEntry(AlertKind.DEADLOCK, 0L).containsEntry(AlertKind.LOCK_ORDER, 0L)
                .containsEntry(AlertKind.RECURSIVE, 0L);
        TraceEvent.Alert hold = alerts(r, AlertKind.LONG_HOLD).getFirst();
        assertThat(hold.time()).isEqualTo(1_000_000_000L);
        assertThat(hold.report()).contains("main (g1) exited at 1 ms still holding ds (Lock), taken at main #1: lock ds",
                "1 goroutine waits behind it");
        assertThat(hold.summary()).isEqualTo("main has held ds (Lock) for 1000 ms, and exited at 1 ms without "
                + "releasing it; 1 waiting behind it");
        TraceEvent.Alert wait = alerts(r, AlertKind.LONG_WAIT).getFirst();
        assertThat(wait.report()).contains("worker (g2) has waited 1000 ms for ds (Lock) at worker #1: lock ds",
                "blocked by main (g1), which exited at 1 ms still holding ds (Lock), taken at main #1: lock ds");
        assertThat(wait.summary()).isEqualTo("worker has waited 1000 ms for ds (Lock), behind main (exited holding ds)");
        assertThat(wait.goroutines()).containsExactly(2, 1);
    }

    @Test
    void aReRequestIsRecursiveNotALockOrderInversion() throws Exception {
        // go-deadlock's preLock, at the second "rlock mu": mu is in cur for this goroutine, so "Recursive
        // locking"; and bq is in cur too, with the order (mu, bq) recorded when bq was asked for, so also
        // "Inconsistent locking". Lockscope reports the recursive locking only: the goroutine holds mu already,
        // so its locks say nothing about the order of mu and bq.
        Recorder r = run(script().rwmutex("mu").mutex("bq").duration(100)
                .go("g1", 0, "rlock mu", "lock bq", "rlock mu", "runlock mu", "unlock bq", "runlock mu"));

        assertThat(counts(r)).containsEntry(AlertKind.RECURSIVE, 1L).containsEntry(AlertKind.LOCK_ORDER, 0L)
                .containsEntry(AlertKind.DEADLOCK, 0L);
    }

    @Test
    void aReadLockAskedForUnderTheWriteLockIsReportedAsTheDeadlockItIs() throws Exception {
        // GoBench etcd6708, syncthing4829: RLock waits while a writer holds the lock, here the goroutine itself,
        // whether or not another writer is pending.
        Recorder r = run(script().rwmutex("M").duration(100).go("g1", 0, "lock M", "rlock M", "runlock M", "unlock M"));
        assertThat(counts(r)).containsEntry(AlertKind.RECURSIVE, 1L).containsEntry(AlertKind.DEADLOCK, 1L);
        assertThat(alerts(r, AlertKind.RECURSIVE).getFirst().report()).endsWith(
                "A read lock waits while a writer holds the lock, and the writer is this goroutine: this deadlocks.");
    }

    @Test
    void aHolderWaitingBehindItsOwnHoldIsNamedOnceInTheLongHold() throws Exception {
        Recorder r = run(script().mutex("M").duration(2000).go("g1", 0, "lock M", "lock M"));
        TraceEvent.Alert hold = alerts(r, AlertKind.LONG_HOLD).getFirst();
        assertThat(hold.report()).contains("1 goroutine waits behind it", "g1 (g1) has waited 1000 ms for M (Lock)");
        assertThat(hold.goroutines()).containsExactly(1);
    }

    @Test
    void recursiveReadLockDeadlocksBehindAPendingWriter() throws Exception {
        Recorder r = run(script().rwmutex("M").duration(500)
                .go("g1", 0, "rlock M", "sleep 10", "rlock M", "runlock M", "runlock M")
                .go("g2", 5, "lock M", "unlock M"));
        assertThat(counts(r)).containsEntry(AlertKind.RECURSIVE, 1L).containsEntry(AlertKind.DEADLOCK, 1L);
        assertThat(alerts(r, AlertKind.DEADLOCK).getFirst().report())
                .contains("behind the pending writer g2 (g2)", "held by g1 (g1) (RLock");
    }

    @Test
    void recursiveReadLockWithoutAWriterIsOnlyReported() throws Exception {
        Recorder r = run(script().rwmutex("M").duration(500)
                .go("g1", 0, "rlock M", "sleep 10", "rlock M", "runlock M", "runlock M"));
        assertThat(counts(r)).containsEntry(AlertKind.RECURSIVE, 1L).containsEntry(AlertKind.DEADLOCK, 0L);
    }

    @Test
    void longHoldIsRaisedOnceAtTheThresholdWithWhoWaitsBehind() throws Exception {
        Recorder r = run(script().mutex("A").holdThreshold(50).duration(500)
                .go("g1", 0, "lock A", "sleep 200", "unlock A")
                .go("g2", 10, "lock A", "unlock A"));
        List<TraceEvent.Alert> holds = alerts(r, AlertKind.LONG_HOLD);
        assertThat(holds).hasSize(1);
        assertThat(holds.getFirst().time()).isEqualTo(50_000_000L);
        assertThat(holds.getFirst().report()).contains("now sleeping for 50 ms so far (of 200 ms)",
                "1 goroutine waits behind it");
    }

    @Test
    void aWaitEndingExactlyAtTheThresholdDoesNotAlert() throws Exception {
        Recorder r = run(script().mutex("A").waitThreshold(100).holdThreshold(100).duration(500)
                .go("g1", 0, "lock A", "sleep 100", "unlock A")
                .go("g2", 0, "lock A", "unlock A"));
        assertThat(counts(r)).containsEntry(AlertKind.LONG_WAIT, 0L).containsEntry(AlertKind.LONG_HOLD, 0L);
    }
}
