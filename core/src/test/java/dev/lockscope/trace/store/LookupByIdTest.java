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
}
