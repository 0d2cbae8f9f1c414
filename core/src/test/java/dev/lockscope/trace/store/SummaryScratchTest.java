package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import org.junit.jupiter.api.Test;

/** A scratch carries nothing of one query into the next. */
class SummaryScratchTest {

    /**
     * g1 takes the lock 100 times (a pyramid) and exits idle at 200 ns; g2 holds it from 0 ns to the end of the
     * view (now = 1000 ns, base buckets of 16 ns). Summarising g2 loads its tail, [992, 1000) among it; g1's
     * summary after the horizon (992) then has no tail of its own to load, and must not read g2's.
     */
    @Test
    void aTrackWithoutATailDoesNotReadThePreviousQuerys() {
        TraceStore store = new TraceStore(4);
        store.accept(new TraceEvent.Spawn(0, 1, "Send#1", "Send", 0));
        store.accept(new TraceEvent.Spawn(0, 2, "Send#2", "Send", 0));
        store.accept(new TraceEvent.Request(0, 2, 0, Mode.READ, Recorder.RLOCK));
        store.accept(new TraceEvent.Acquire(0, 2, 0, Mode.READ, Recorder.RLOCK));
        for (int i = 0; i < 100; i++) {
            long t = 2L * i;
            store.accept(new TraceEvent.Request(t, 1, 0, Mode.READ, Recorder.RLOCK));
            store.accept(new TraceEvent.Acquire(t, 1, 0, Mode.READ, Recorder.RLOCK));
            store.accept(new TraceEvent.Release(t + 1, 1, 0, Mode.READ, Recorder.RUNLOCK));
        }
        store.accept(new TraceEvent.Exit(200, 1));
        store.accept(new TraceEvent.Spawn(1000, 3, "Send#3", "Send", 0));
        TraceView view = store.view();
        assertThat(view.now()).isEqualTo(1000);

        SummaryScratch scratch = new SummaryScratch();
        RowSummary g2 = view.summarize(Track.goroutine(2), 960, 1024, 2, scratch);
        assertThat(g2.maxConcurrency()[1]).isEqualTo(2); // running and holding in [992, 1024) up to now
        RowSummary g1 = view.summarize(Track.goroutine(1), 960, 1024, 2, scratch);
        assertThat(g1.busyFraction()[0]).isZero();
        assertThat(g1.busyFraction()[1]).isZero();
        assertThat(g1.maxConcurrency()[1]).isZero();
        assertThat(g1.worstState()[1]).isEqualTo((byte) -1);
    }
}
