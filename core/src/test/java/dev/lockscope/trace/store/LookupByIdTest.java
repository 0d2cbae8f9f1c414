package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.PrimKind;
import org.junit.jupiter.api.Test;

/** {@link TraceView#spawnRow} and {@link TraceView#primCreated}: names found by id, without a scan. */
class LookupByIdTest {
    @Test
    void spawnRowIsTheFirstRowOfTheGoroutinesTrackWhileAliveAndAfterExit() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "main", "main", 0));          // row 0
        store.accept(new TraceEvent.Spawn(5, 7, "worker#1", "worker", 1));    // row 1
        store.accept(new TraceEvent.Exit(9, 7));                              // row 2: compacted at exit
        store.accept(new TraceEvent.Spawn(10, 2147483647, "far", "far", 1));  // row 3

        TraceView view = store.view();
        assertThat(view.spawnRow(1)).isZero();
        assertThat(view.spawnRow(7)).isEqualTo(1);
        assertThat(view.spawnName(view.spawnRow(7))).isEqualTo("worker#1");
        assertThat(view.spawnRow(2147483647)).isEqualTo(3);
        assertThat(view.spawnRow(3)).isEqualTo(-1); // never seen
    }

    @Test
    void aGoroutineWithoutASpawnHasNoSpawnRow() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Sleep(0, 4, 10, new dev.lockscope.model.Site("jvm", "sleep"))); // another producer's goroutine
        assertThat(store.view().spawnRow(4)).isEqualTo(-1);
    }

    @Test
    void primCreatedIsTheFirstDeclarationInView() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.PrimCreated(0, 3, "resetChan", PrimKind.CHAN, 0));
        TraceView before = store.view();
        store.accept(new TraceEvent.PrimCreated(1, 9, "wg", PrimKind.WAITGROUP, 0));

        assertThat(store.view().primCreated(3).name()).isEqualTo("resetChan");
        assertThat(store.view().primCreated(9).name()).isEqualTo("wg");
        assertThat(before.primCreated(9)).as("a row past the view").isNull();
        assertThat(store.view().primCreated(4)).isNull();
        assertThat(store.view().primCreated(-1)).isNull();
    }

    @Test
    void alertsByIndexWithinAView() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "main", "main", 0));
        TraceEvent.Alert a0 = alert(10, "first");
        TraceEvent.Alert a1 = alert(20, "second");
        TraceEvent.Alert a2 = alert(20, "third, same instant");
        store.accept(a0);
        store.accept(a1);
        TraceView two = store.view();
        store.accept(a2);
        store.accept(new TraceEvent.Exit(30, 1));
        TraceView all = store.view();

        assertThat(two.alertCount()).isEqualTo(2);
        assertThat(all.alertCount()).isEqualTo(3);
        assertThat(all.alert(2)).isEqualTo(a2);
        assertThat(all.alertRow(0)).isEqualTo(1);
        assertThat(all.alertsUpTo(9)).isZero();
        assertThat(all.alertsUpTo(10)).isEqualTo(1);
        assertThat(all.alertsUpTo(20)).isEqualTo(3);
        assertThat(all.indexOfAlert(a2)).isEqualTo(2);
        assertThat(two.indexOfAlert(a2)).as("not in that view").isEqualTo(-1);
        assertThat(all.indexOfAlert(alert(20, "never stored"))).isEqualTo(-1);
    }

    private static TraceEvent.Alert alert(long t, String summary) {
        return new TraceEvent.Alert(t, dev.lockscope.event.AlertKind.LONG_WAIT, summary, "report of " + summary,
                java.util.List.of(1), java.util.List.of());
    }
}
