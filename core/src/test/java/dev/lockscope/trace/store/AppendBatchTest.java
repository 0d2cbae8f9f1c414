package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import org.junit.jupiter.api.Test;

/** {@link TraceStore#appendBatch}: rows are published together at the end, and on failure up to the last whole row. */
class AppendBatchTest {

    @Test
    void aBatchIsPublishedWhenItEnds() {
        TraceStore store = new TraceStore();
        store.appendSpawn(0, 1, "main", "main", 0);
        int[] seen = new int[2];
        store.appendBatch(() -> {
            store.appendExit(5, 1);
            store.accept(new TraceEvent.End(6));
            seen[0] = store.view().size(); // a reader during the batch sees the rows before it
            seen[1] = store.size();
        });
        assertThat(seen).containsExactly(1, 1);
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.view().event(2)).isEqualTo(new TraceEvent.End(6));
        store.appendSpawn(7, 2, "late", "main", 0); // back to one row at a time
        assertThat(store.size()).isEqualTo(4);
    }

    @Test
    void aFailedBatchPublishesItsWholeRows() {
        TraceStore store = new TraceStore();
        assertThatThrownBy(() -> store.appendBatch(() -> {
            store.appendSpawn(10, 1, "main", "main", 0);
            store.appendExit(5, 1); // time goes backwards: refused before anything is written
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.view().event(0)).isEqualTo(new TraceEvent.Spawn(10, 1, "main", "main", 0));
        store.appendExit(11, 1);
        assertThat(store.size()).isEqualTo(2);
    }
}
