package dev.lockscope.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.trace.store.TraceStore;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The live {@code big-room} at max speed, pumped by hand (no thread, no timing): the store's heap levels off while
 * its rows keep growing, because full chunks are paged to mapped files (docs/trace-store.md, "Paging").
 */
class LivePagingTest {
    private static final int N = 3_000_000;

    @Test
    void theStoresHeapLevelsOffAtMaxSpeed() throws Exception {
        LiveRun run = LiveRun.create(BuiltinScenarios.byName("big-room").orElseThrow(),
                LiveRun.Options.defaults().withSpeed(Speed.MAX).withPlaying(true).withClock(() -> 0L));
        Measure atN = pumpTo(run, N);
        Measure at2N = pumpTo(run, 2 * N);
        System.out.printf("live big-room at max speed:%n  %s%n  %s%n", atN, at2N);

        TraceStore.Memory m = at2N.memory;
        assertThat(m.pagingFailure()).isNull();
        assertThat(m.mappedBytes()).isGreaterThan(2L * N * 16); // the rows went somewhere: the columns alone take 21 B
        // The chunks on the heap are those being filled, one per vector: about 5 MB for the columns and the 500
        // member tracks, growing only while the tracks' first chunks fill (measured: 5.0 MB at 3 M rows, 6.0 MB at
        // 6 M, 8.0 MB from 9 M to 13.5 M). Unpaged, the columns alone would hold 21 bytes a row: 63 MB more.
        assertThat(at2N.memory.heapChunkBytes()).isLessThan(N * 3L);
        assertThat(at2N.memory.heapChunkBytes() - atN.memory.heapChunkBytes()).isLessThan(N / 2);
        // The whole heap after a full GC (store, monitor, simulation), as a cross-check of the store's own count:
        // under a byte per event more, against the 30 an unpaged store takes (docs/trace-store.md, "Memory").
        assertThat(at2N.heapAfterGc - atN.heapAfterGc).isLessThan(N);
    }

    private record Measure(int rows, TraceStore.Memory memory, long heapAfterGc) {
        @Override
        public String toString() {
            return String.format("%,d rows: chunks on heap %,d B, mapped %,d B, heap after GC %,d B", rows,
                    memory.heapChunkBytes(), memory.mappedBytes(), heapAfterGc);
        }
    }

    private static Measure pumpTo(LiveRun run, int rows) {
        TraceStore store = run.snapshot().store();
        while (store.size() < rows) {
            run.pump();
            assertThat(run.snapshot().mode()).isNotEqualTo(LiveRun.Mode.FAILED);
        }
        TraceStore.Memory memory = store.memory();
        System.gc();
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new Measure(store.size(), memory, used);
    }
}
