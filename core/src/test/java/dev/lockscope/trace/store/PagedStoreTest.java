package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store that pages its full chunks answers exactly as one that keeps everything on the heap: same events,
 * intervals and summaries, for a room trace of several chunks per column.
 */
class PagedStoreTest {
    @TempDir
    Path dir;

    @Test
    void pagedAndHeapStoresAgree() throws Exception {
        Scenario big = BuiltinScenarios.byName("big-room").orElseThrow().withDurationNs(1_500_000_000L);
        TraceStore paged = new TraceStore(TraceStore.DEFAULT_BUCKET_SHIFT, dir);
        TraceStore heap = TraceStore.onHeap(TraceStore.DEFAULT_BUCKET_SHIFT);
        Simulation.run(big, paged);
        Simulation.run(big, heap);
        TraceView p = paged.view();
        TraceView h = heap.view();

        assertThat(p.size()).isEqualTo(h.size()).isGreaterThan(4 << 16);
        assertThat(paged.memory().spilledChunks()).isGreaterThan(20);
        assertThat(paged.memory().pagingFailure()).isNull();
        assertThat(paged.memory().heapChunkBytes()).isLessThan(heap.memory().heapChunkBytes());
        assertThat(heap.memory().spilledChunks()).isZero();
        for (int row = 0; row < p.size(); row++) {
            assertThat(p.event(row)).isEqualTo(h.event(row));
        }
        long t1 = p.now();
        for (Track track : new Track[] {Track.member(0), Track.member(499), Track.goroutine(1), Track.lockHolders(0)}) {
            assertThat(p.overlapping(track, 0, t1)).containsExactly(h.overlapping(track, 0, t1));
            RowSummary ps = p.summarize(track, 0, t1, 400);
            RowSummary hs = h.summarize(track, 0, t1, 400);
            for (int i = 0; i < 400; i++) {
                assertThat(ps.busyFraction()[i]).isEqualTo(hs.busyFraction()[i]);
                assertThat(ps.maxConcurrency()[i]).isEqualTo(hs.maxConcurrency()[i]);
                assertThat(ps.worstState()[i]).isEqualTo(hs.worstState()[i]);
            }
        }
    }
}
