package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.PagedColumns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TraceCatalogTest {
    private static final Site SEND = new Site("Broadcast", "Room.Broadcast.func1: m.Send(msg)");
    private static final Site LOCK = new Site("Broadcast", "Room.Broadcast: r.mx.RLock()");

    /** Goroutines alive at the same time each need a lane. */
    @Test
    void overlappingGoroutinesGetALaneEach() {
        TraceStore store = new TraceStore();
        for (int g = 1; g <= 10; g++) {
            store.accept(new TraceEvent.Spawn((g / 2) * 100L, g, "Send(eve)", "Send", 0));
            store.accept(new TraceEvent.SendStart((g / 2) * 100L, g, "eve", g, 50, SEND));
        }
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(store.view(), Long.MAX_VALUE);
        assertThat(catalog.groups()).hasSize(1);
        assertThat(catalog.groups().getFirst().lanes()).hasSize(10); // none has exited
        assertThat(catalog.members()).extracting(TraceCatalog.MemberInfo::name).containsExactly("eve");
    }

    @Test
    void lanesAreReusedOnceTheirGoroutineHasExited() {
        TraceStore store = new TraceStore();
        long t = 0;
        for (int i = 0; i < 10; i += 2) {
            store.accept(new TraceEvent.Spawn(t, i + 1, "Send(eve)", "Send", 0));
            store.accept(new TraceEvent.Spawn(t, i + 2, "Send(eve)", "Send", 0));
            store.accept(new TraceEvent.Exit(t + 50, i + 1));
            store.accept(new TraceEvent.Exit(t + 60, i + 2));
            t += 100;
        }
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(store.view(), Long.MAX_VALUE);
        TraceCatalog.Group group = catalog.groups().getFirst();
        assertThat(group.key()).isEqualTo("Send(eve)");
        assertThat(group.goroutines()).isEqualTo(10);
        assertThat(group.lanes()).hasSize(2);
        assertThat(group.lanes().get(0).size()).isEqualTo(5);
        TraceCatalog.Lane lane = group.lanes().get(0);
        assertThat(lane.firstEndingAfter(250, 0)).isEqualTo(3); // [300, 350)
        assertThat(lane.firstStartingAtOrAfter(250, 0)).isEqualTo(3);
        assertThat(lane.firstStartingAtOrAfter(250, 3)).isEqualTo(3);
        assertThat(lane.firstStartingAtOrAfter(10_000, 1)).isEqualTo(5);
        assertThat(lane.start(3)).isEqualTo(300);
        assertThat(lane.end(3)).isEqualTo(350);
    }

    @Test
    void aGoroutineThatWaitedIsWorstWaiting() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "Broadcast#1", "Broadcast", 0));
        store.accept(new TraceEvent.Request(0, 1, 0, Mode.READ, LOCK));
        store.accept(new TraceEvent.Acquire(0, 1, 0, Mode.READ, LOCK));
        store.accept(new TraceEvent.Spawn(10, 2, "Broadcast#2", "Broadcast", 0));
        store.accept(new TraceEvent.Request(10, 2, 0, Mode.READ, LOCK));
        store.accept(new TraceEvent.Blocked(10, 2, 0, java.util.List.of(1)));
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(store.view(), Long.MAX_VALUE);
        TraceCatalog.Lane first = catalog.lane(catalog.laneOf(1));
        TraceCatalog.Lane second = catalog.lane(catalog.laneOf(2));
        assertThat(first.worst(0)).isEqualTo((byte) IntervalKind.HOLD_READ.ordinal());
        assertThat(second.worst(0)).isEqualTo((byte) IntervalKind.WAITING.ordinal());
        assertThat(catalog.goroutineName(store.view(), 2)).isEqualTo("Broadcast#2");
    }

    @Test
    void blockMaximaAnswerRangesOfManyOccupants() {
        TraceStore store = new TraceStore();
        for (int g = 1; g <= 300; g++) {
            store.accept(new TraceEvent.Spawn(g * 10L, g, "Add(x)", "Add", 0));
            if (g == 200) {
                store.accept(new TraceEvent.Request(g * 10L, g, 0, Mode.WRITE, LOCK));
                store.accept(new TraceEvent.Blocked(g * 10L, g, 0, java.util.List.of(1)));
                store.accept(new TraceEvent.Acquire(g * 10L + 5, g, 0, Mode.WRITE, LOCK));
            }
            store.accept(new TraceEvent.Exit(g * 10L + 5, g));
        }
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(store.view(), Long.MAX_VALUE);
        TraceCatalog.Lane lane = catalog.lane(0);
        assertThat(lane.size()).isEqualTo(300);
        assertThat(lane.worst(0, 300)).isEqualTo((byte) IntervalKind.WAITING.ordinal());
        assertThat(lane.worst(0, 199)).isEqualTo((byte) IntervalKind.RUNNING.ordinal());
        assertThat(lane.worst(200, 300)).isEqualTo((byte) IntervalKind.RUNNING.ordinal());
        assertThat(lane.worst(130, 260)).isEqualTo((byte) IntervalKind.WAITING.ordinal());
        // Occupants live in blocks of 64: every one reads back, across the block edges too.
        for (int i = 0; i < 300; i++) {
            assertThat(lane.start(i)).as("start %d", i).isEqualTo((i + 1) * 10L);
            assertThat(lane.end(i)).as("end %d", i).isEqualTo((i + 1) * 10L + 5);
            assertThat(store.view().goroutine(lane.occupant(i))).as("occupant %d", i).isEqualTo(i + 1);
        }
        assertThat(lane.firstStartingAtOrAfter(650, 0)).isEqualTo(64); // goroutine 65, the second block's first
        assertThat(lane.firstStartingAtOrAfter(645, 3)).isEqualTo(64);
        assertThat(lane.firstEndingAfter(645, 0)).isEqualTo(64);
        assertThat(lane.firstEndingAfter(644, 0)).isEqualTo(63);
    }

    /** Goroutine ids far apart (a long live run) map to their lanes; ids never spawned read as none. */
    @Test
    void goroutineIdsBeyondOneChunkAreKept() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 5, "Add(x)", "Add", 0));
        store.accept(new TraceEvent.Exit(1, 5));
        store.accept(new TraceEvent.Spawn(2, 40_000, "Add(y)", "Add", 0));
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(store.view(), Long.MAX_VALUE);
        assertThat(catalog.laneOf(5)).isEqualTo(0);
        assertThat(catalog.laneOf(40_000)).isEqualTo(0); // 5 had exited: same lane
        assertThat(catalog.spawnRow(40_000)).isEqualTo(2);
        assertThat(catalog.laneOf(6)).isEqualTo(-1);
        assertThat(catalog.laneOf(1_000_000)).isEqualTo(-1);
        assertThat(catalog.laneOf(-1)).isEqualTo(-1);
        TraceCatalog.Goroutines goroutines = catalog.goroutines();
        assertThat(goroutines.count()).isEqualTo(2);
        assertThat(goroutines.spawnRow(0)).isZero();
        assertThat(goroutines.spawnRow(1)).isEqualTo(2);
        assertThat(goroutines.groupKey(store.view(), 40_000)).isEqualTo("Add");
        assertThat(goroutines.groupKey(store.view(), 20_000)).isEqualTo("g20000");
        assertThat(catalog.goroutineName(store.view(), 40_000)).isEqualTo("Add(y)");
    }

    @Test
    void hugeAndSparseIdsCostNoArraySizedByThem() {
        // Goroutine and lock ids come from the file: another producer's may be anything up to 2^31 - 1.
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.LockCreated(0, Integer.MAX_VALUE, "L", dev.lockscope.model.LockKind.MUTEX));
        store.accept(new TraceEvent.Spawn(0, Integer.MAX_VALUE, "Add(x)", "Add", 0));
        store.accept(new TraceEvent.Spawn(1, 50_000_000, "Add(y)", "Add", 0));
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(store.view(), Long.MAX_VALUE);
        RowLayout layout = RowLayout.build(catalog, java.util.Set.of(), 1);

        assertThat(catalog.laneOf(Integer.MAX_VALUE)).isZero();
        assertThat(catalog.laneOf(50_000_000)).isEqualTo(1);
        assertThat(catalog.goroutines().groupKey(store.view(), Integer.MAX_VALUE)).isEqualTo("Add");
        assertThat(layout.lockRow(Integer.MAX_VALUE)).isEqualTo(1);
        assertThat(layout.lockRow(0)).isEqualTo(-1);
    }

    /**
     * With a catalog that pages every full chunk at once, its lanes and goroutine tables read back what an unpaged
     * one holds: the same lanes, occupants, starts, ends and worst states, found by goroutine id.
     */
    @Test
    void aPagedCatalogReadsLikeOneOnTheHeap(@org.junit.jupiter.api.io.TempDir Path dir) {
        TraceStore store = new TraceStore();
        long t = 0;
        for (int g = 1; g <= 20_000; g++) {
            store.accept(new TraceEvent.Spawn(t, g, "Send(m" + (g % 3) + ")", "Send", 0));
            if (g % 7 == 0) {
                store.accept(new TraceEvent.SendStart(t, g, "m" + (g % 3), g, 5, SEND));
            }
            store.accept(new TraceEvent.Exit(t + 1 + g % 2, g));
            t += 3;
        }
        store.accept(new TraceEvent.Alert(t, dev.lockscope.event.AlertKind.LONG_WAIT, "eve stalls", "report",
                java.util.List.of(), java.util.List.of()));
        TraceCatalog paged = new TraceCatalog(false, new PagedColumns(dir, 0));
        TraceCatalog heap = new TraceCatalog(false, new PagedColumns(null, 0));
        paged.update(store.view(), Long.MAX_VALUE);
        heap.update(store.view(), Long.MAX_VALUE);

        assertThat(paged.memory().spilledChunks()).isPositive();
        assertThat(paged.laneCount()).isEqualTo(heap.laneCount());
        for (int l = 0; l < heap.laneCount(); l++) {
            TraceCatalog.Lane a = paged.lane(l);
            TraceCatalog.Lane b = heap.lane(l);
            assertThat(a.size()).isEqualTo(b.size());
            for (int i = 0; i < b.size(); i++) {
                assertThat(a.occupant(i)).isEqualTo(b.occupant(i));
                assertThat(a.start(i)).isEqualTo(b.start(i));
                assertThat(a.end(i)).isEqualTo(b.end(i));
                assertThat(a.worst(i)).isEqualTo(b.worst(i));
            }
            assertThat(a.worst(0, a.size())).isEqualTo((byte) IntervalKind.SENDING.ordinal());
        }
        for (int g = 1; g <= 20_000; g += 997) {
            assertThat(paged.laneOf(g)).isEqualTo(heap.laneOf(g));
            assertThat(paged.spawnRow(g)).isEqualTo(heap.spawnRow(g));
        }
        assertThat(paged.alertCount()).isEqualTo(1);
        assertThat(paged.firstAlertAtOrAfter(t)).isZero();
        assertThat(paged.firstAlertAtOrAfter(t + 1)).isEqualTo(1);
    }

    /** The budget is checked every few hundred rows, so a frame that has used it up reads no more than that. */
    @Test
    void aSpentBudgetStopsAfterOneSlice() {
        TraceStore store = new TraceStore();
        for (int g = 1; g <= 1_000; g++) {
            store.accept(new TraceEvent.Spawn(g, g, "Add(x)", "Add", 0));
            store.accept(new TraceEvent.Exit(g, g));
        }
        TraceCatalog catalog = new TraceCatalog();
        assertThat(catalog.update(store.view(), 0)).isFalse();
        assertThat(catalog.scanned()).isEqualTo(TraceCatalog.BUDGET_CHECK_ROWS);
        assertThat(catalog.update(store.view(), Long.MAX_VALUE)).isTrue();
        assertThat(catalog.scanned()).isEqualTo(2_000);
    }

    @Test
    void anUnlimitedBudgetReadsEverything() {
        TraceStore store = new TraceStore();
        for (int g = 1; g <= 10_000; g++) {
            store.accept(new TraceEvent.Spawn(g, g, "Add(x)", "Add", 0));
            store.accept(new TraceEvent.Exit(g, g));
        }
        TraceCatalog catalog = new TraceCatalog();
        assertThat(catalog.update(store.view(), Long.MAX_VALUE)).isTrue();
        assertThat(catalog.scanned()).isEqualTo(20_000);
        assertThat(catalog.lane(0).size()).isEqualTo(10_000);
    }

    /**
     * A group whose goroutines never overlap is one row: named after its goroutine while it has one, after the
     * group once a second one has come (into the same lane: the layout must be rebuilt, or the row keeps the
     * first one's name); a header and lanes once two overlap.
     */
    @Test
    void aOneLaneGroupIsOneRowNamedAfterTheGroupFromItsSecondGoroutine() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "Broadcast#1", "Broadcast", 0));
        store.accept(new TraceEvent.Exit(5, 1));
        TraceCatalog catalog = new TraceCatalog();
        catalog.update(store.view(), Long.MAX_VALUE);
        RowLayout single = RowLayout.build(catalog, java.util.Set.of(), 1);
        assertThat(single.rows()).extracting(RowLayout.Row::label).containsExactly("Goroutines", "Broadcast#1");

        store.accept(new TraceEvent.Spawn(10, 2, "Broadcast#2", "Broadcast", 0));
        catalog.update(store.view(), Long.MAX_VALUE);
        assertThat(catalog.laneCount()).isEqualTo(1); // the same lane
        assertThat(catalog.structure()).isNotEqualTo(single.structure());
        RowLayout oneLane = RowLayout.build(catalog, java.util.Set.of(), 1);
        assertThat(oneLane.rows()).extracting(RowLayout.Row::label).containsExactly("Goroutines", "Broadcast");

        store.accept(new TraceEvent.Spawn(11, 3, "Broadcast#3", "Broadcast", 0)); // overlaps #2: a second lane
        catalog.update(store.view(), Long.MAX_VALUE);
        RowLayout lanes = RowLayout.build(catalog, java.util.Set.of(), 1);
        assertThat(lanes.rows()).extracting(RowLayout.Row::label)
                .containsExactly("Goroutines", "Broadcast", "lane 1", "lane 2");
        assertThat(lanes.rows().get(1).type()).isEqualTo(RowLayout.Type.GROUP);
    }
}
