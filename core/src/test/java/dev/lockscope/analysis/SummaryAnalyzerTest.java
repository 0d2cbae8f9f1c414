package dev.lockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent.Acquire;
import dev.lockscope.event.TraceEvent.Alert;
import dev.lockscope.event.TraceEvent.Deliver;
import dev.lockscope.event.TraceEvent.Drop;
import dev.lockscope.event.TraceEvent.End;
import dev.lockscope.event.TraceEvent.Exit;
import dev.lockscope.event.TraceEvent.LockCreated;
import dev.lockscope.event.TraceEvent.MemberEvent;
import dev.lockscope.event.TraceEvent.Release;
import dev.lockscope.event.TraceEvent.Request;
import dev.lockscope.event.TraceEvent.Spawn;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryAnalyzerTest {

    private static final long MS = 1_000_000;
    private static final int MX = 0;
    private static final Site BROADCAST = new Site("Broadcast", "Room.Broadcast: r.membersMx.RLock()");
    private static final Site BROADCAST_UNLOCK = new Site("Broadcast", "Room.Broadcast: r.membersMx.RUnlock()");
    private static final Site ADD = new Site("Add", "Room.Add: r.membersMx.Lock()");
    private static final Site INNER = new Site("Inner", "Room.count: r.membersMx.RLock()");

    private final SummaryAnalyzer analyzer = new SummaryAnalyzer("demo", 60_000 * MS);

    private void feed(TraceEvent... events) {
        for (TraceEvent e : events) {
            analyzer.accept(e);
        }
    }

    private static Request rlock(long ms, int g, Site site) {
        return new Request(ms * MS, g, MX, Mode.READ, site);
    }

    private static Acquire rgot(long ms, int g, Site site) {
        return new Acquire(ms * MS, g, MX, Mode.READ, site);
    }

    private static Release runlock(long ms, int g) {
        return new Release(ms * MS, g, MX, Mode.READ, BROADCAST_UNLOCK);
    }

    private static Request wlock(long ms, int g) {
        return new Request(ms * MS, g, MX, Mode.WRITE, ADD);
    }

    private static Acquire wgot(long ms, int g) {
        return new Acquire(ms * MS, g, MX, Mode.WRITE, ADD);
    }

    private static Release wunlock(long ms, int g) {
        return new Release(ms * MS, g, MX, Mode.WRITE, ADD);
    }

    @Test
    void writerWaitsBehindReaders() {
        feed(new LockCreated(0, MX, "membersMx", LockKind.RWMUTEX),
                rlock(0, 1, BROADCAST), rgot(0, 1, BROADCAST),
                rlock(100, 2, BROADCAST), rgot(100, 2, BROADCAST),
                wlock(200, 3),
                runlock(500, 1),
                runlock(840, 2),
                wgot(840, 3),
                wunlock(850, 3));

        Summary s = analyzer.summary();

        assertThat(s.events()).isEqualTo(10);
        assertThat(s.ops()).containsOnlyKeys("Add", "Broadcast");
        // Readers got the lock at once; they held it 500 and 740 ms.
        assertThat(s.ops().get("Broadcast")).isEqualTo(new Summary.OpStats(
                new LatencySummary(2, 0, 0, 0, 0), new LatencySummary(2, 500, 740, 740, 620), 0, 0));
        // The writer asked at 200 and got it at 840 when the last reader left.
        assertThat(s.ops().get("Add")).isEqualTo(new Summary.OpStats(
                new LatencySummary(1, 640, 640, 640, 640), new LatencySummary(1, 10, 10, 10, 10), 0, 0));
    }

    @Test
    void recursiveReadHoldsArePairedLastInFirstOut() {
        feed(rlock(0, 1, BROADCAST), rgot(0, 1, BROADCAST),
                rlock(10, 1, INNER), rgot(10, 1, INNER),
                runlock(15, 1), // ends the inner hold: 5 ms (first-in-first-out would make it the outer, 15 ms)
                runlock(100, 1)); // ends the outer hold: 100 ms

        Summary s = analyzer.summary();

        assertThat(s.ops().get("Inner").holdMs()).isEqualTo(new LatencySummary(1, 5, 5, 5, 5));
        assertThat(s.ops().get("Broadcast").holdMs()).isEqualTo(new LatencySummary(1, 100, 100, 100, 100));
    }

    @Test
    void holdCountsForTheAcquiresOperationAndWaitForTheRequests() {
        // The request and the acquire name different ops: the wait goes to the first, the hold to the second.
        feed(rlock(0, 1, INNER), rgot(3, 1, BROADCAST), runlock(10, 1));

        Summary s = analyzer.summary();

        assertThat(s.ops().get("Inner")).isEqualTo(new Summary.OpStats(
                new LatencySummary(1, 3, 3, 3, 3), LatencySummary.EMPTY, 0, 0));
        assertThat(s.ops().get("Broadcast")).isEqualTo(new Summary.OpStats(
                LatencySummary.EMPTY, new LatencySummary(1, 7, 7, 7, 7), 0, 0));
    }

    @Test
    void openWaitsAndHoldsAreCountedAtTheEnd() {
        feed(wlock(0, 1), wgot(0, 1), // never released
                rlock(5, 2, BROADCAST), // never granted
                rlock(6, 3, BROADCAST),
                new End(1000 * MS));

        Summary s = analyzer.summary();

        assertThat(s.ops().get("Add")).isEqualTo(new Summary.OpStats(
                new LatencySummary(1, 0, 0, 0, 0), LatencySummary.EMPTY, 0, 1));
        assertThat(s.ops().get("Broadcast")).isEqualTo(new Summary.OpStats(
                LatencySummary.EMPTY, LatencySummary.EMPTY, 2, 0));
    }

    @Test
    void holdsLeftByAnExitedGoroutineStayCountedAtTheEnd() {
        feed(new Spawn(0, 1, "add", "member", 0),
                wlock(0, 1), wgot(1, 1),
                new Exit(2 * MS, 1));

        Summary.OpStats add = analyzer.summary().ops().get("Add");

        assertThat(add.holdingAtEnd()).isEqualTo(1);
        assertThat(add.holdMs()).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void aHoldOutlivesItsGoroutineUntilReleased() {
        // Malformed (a goroutine's event after its exit), but the one interval rule still pairs it: a hold ends
        // only at a release of its goroutine and lock.
        feed(new Spawn(0, 1, "add", "member", 0),
                wlock(0, 1), wgot(1, 1),
                new Exit(2 * MS, 1),
                wunlock(3, 1));

        Summary.OpStats add = analyzer.summary().ops().get("Add");

        assertThat(add.holdingAtEnd()).isZero();
        assertThat(add.holdMs()).isEqualTo(new LatencySummary(1, 2, 2, 2, 2));
    }

    @Test
    void summaryMidRunReportsTheRunSoFar() {
        feed(wlock(0, 1), wgot(0, 1));
        assertThat(analyzer.summary().ops().get("Add").holdingAtEnd()).isEqualTo(1);

        feed(wunlock(4, 1));

        assertThat(analyzer.summary().ops().get("Add")).isEqualTo(new Summary.OpStats(
                new LatencySummary(1, 0, 0, 0, 0), new LatencySummary(1, 4, 4, 4, 4), 0, 0));
    }

    @Test
    void strayReleaseIsIgnored() {
        feed(wunlock(1, 7));

        Summary s = analyzer.summary();

        assertThat(s.events()).isEqualTo(1);
        assertThat(s.ops()).isEmpty();
    }

    @Test
    void opsAreSortedAndOnlyThoseThatRan() {
        feed(rlock(0, 1, new Site("Remove", "x")), rlock(0, 2, new Site("Broadcast", "y")), rlock(0, 3, ADD));

        assertThat(analyzer.summary().ops().keySet()).containsExactly("Add", "Broadcast", "Remove");
    }

    @Test
    void deliveriesOutOfOrderAndDrops() {
        // bob gets 1, 3, 2, 4, 2: the 2 after 3 and the 2 after 4 are older than what he had.
        // alice gets 5, then 6: in order, and bob's ids do not affect her.
        feed(new Deliver(10 * MS, 4, "bob", 1, 10 * MS),
                new Deliver(20 * MS, 5, "alice", 5, 20 * MS),
                new Deliver(30 * MS, 4, "bob", 3, 30 * MS),
                new Deliver(40 * MS, 4, "bob", 2, 40 * MS),
                new Deliver(50 * MS, 4, "bob", 4, 50 * MS),
                new Deliver(60 * MS, 5, "alice", 6, 60 * MS),
                new Deliver(70 * MS, 4, "bob", 2, 70 * MS),
                new Drop(70 * MS, "carol", 9),
                new Drop(71 * MS, "carol", 10),
                new MemberEvent(72 * MS, "carol", MemberChange.RELOAD));

        Summary.Delivery d = analyzer.summary().delivery();

        // Latencies 10..70 ms: p50 is rank 4 of 7 (40), p99 rank 7 (70), mean 40.
        assertThat(d).isEqualTo(new Summary.Delivery(7, new LatencySummary(7, 40, 70, 70, 40), 2, 2));
    }

    @Test
    void maxGoroutinesAliveAtOnce() {
        // alive: 1 2 3 2 3 4 3 2 3
        feed(new Spawn(0, 1, "a", "k", 0), new Spawn(1, 2, "b", "k", 1), new Spawn(2, 3, "c", "k", 1),
                new Exit(3, 2), new Spawn(4, 4, "d", "k", 1), new Spawn(5, 5, "e", "k", 1),
                new Exit(6, 1), new Exit(7, 3), new Spawn(8, 6, "f", "k", 0));

        assertThat(analyzer.summary().goroutines()).isEqualTo(new Summary.Goroutines(4, 6));
    }

    @Test
    void alertsCountEveryKindZerosIncluded() {
        feed(alert(AlertKind.LONG_HOLD), alert(AlertKind.DEADLOCK), alert(AlertKind.LONG_HOLD),
                alert(AlertKind.LONG_WAIT), alert(AlertKind.LEAK));

        assertThat(analyzer.summary().alerts()).containsExactly(
                entry(AlertKind.LONG_WAIT, 1L), entry(AlertKind.LONG_HOLD, 2L), entry(AlertKind.LOCK_ORDER, 0L),
                entry(AlertKind.RECURSIVE, 0L), entry(AlertKind.DEADLOCK, 1L), entry(AlertKind.GLOBAL_DEADLOCK, 0L),
                entry(AlertKind.LEAK, 1L), entry(AlertKind.PANIC, 0L));
    }

    @Test
    void emptyRun() {
        Summary s = new SummaryAnalyzer("idle", 1_500_000).summary();

        assertThat(s.scenario()).isEqualTo("idle");
        assertThat(s.durationMs()).isEqualTo(1.5);
        assertThat(s.events()).isZero();
        assertThat(s.ops()).isEmpty();
        assertThat(s.delivery()).isEqualTo(new Summary.Delivery(0, LatencySummary.EMPTY, 0, 0));
        assertThat(s.alerts().values()).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(s.goroutines()).isEqualTo(new Summary.Goroutines(0, 0));
    }

    @Test
    void manyGoroutinesComeAndGoWithoutMixingUp() {
        // 100 000 goroutines, each waiting g % 7 ms and holding g % 5 ms, in overlapping batches of three.
        long expectedWaitSum = 0;
        long expectedHoldMax = 0;
        int n = 100_000;
        for (int g = 1; g <= n; g++) {
            long t = g * 10L;
            feed(new Spawn(t * MS, g, "w", "k", 0), rlock(t, g, BROADCAST), rgot(t + g % 7, g, BROADCAST));
            if (g > 2) {
                int old = g - 2; // released while younger goroutines still hold the lock
                long acquired = old * 10L + old % 7;
                feed(runlock(acquired + old % 5, old), new Exit((acquired + 5) * MS, old));
            }
            expectedWaitSum += g % 7;
            expectedHoldMax = Math.max(expectedHoldMax, g % 5);
        }

        Summary.OpStats b = analyzer.summary().ops().get("Broadcast");

        assertThat(b.waitMs().count()).isEqualTo(n);
        assertThat(b.waitMs().meanMs()).isEqualTo(Math.round(expectedWaitSum * 1000.0 / n) / 1000.0);
        assertThat(b.holdMs().count()).isEqualTo(n - 2);
        assertThat(b.holdMs().maxMs()).isEqualTo(expectedHoldMax);
        assertThat(b.holdingAtEnd()).isEqualTo(2);
        assertThat(analyzer.summary().goroutines()).isEqualTo(new Summary.Goroutines(3, n));
    }

    private static Alert alert(AlertKind kind) {
        return new Alert(0, kind, kind.id(), kind.id() + " report", List.of(1), List.of(MX));
    }
}
