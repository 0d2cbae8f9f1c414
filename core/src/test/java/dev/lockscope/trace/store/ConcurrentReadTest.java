package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The simulation appends while another thread reads: every view must be a consistent prefix. No timing is
 * asserted; the reader checks whatever prefixes it happens to see until it has seen the whole trace.
 */
class ConcurrentReadTest {
    private static final int GOROUTINES = 8;
    private static final int ROUNDS = 40_000;

    @Test
    void readersOnlyEverSeeConsistentPrefixes() throws Exception {
        List<TraceEvent> events = trace();
        int[] acquiresBefore = new int[events.size() + 1]; // holds on lock 0 among the first n rows
        int[] releaseRow = new int[events.size()]; // for an Acquire row, the row of its Release
        int[] openAcquire = new int[GOROUTINES + 1];
        for (int i = 0; i < events.size(); i++) {
            acquiresBefore[i + 1] = acquiresBefore[i] + (events.get(i) instanceof TraceEvent.Acquire ? 1 : 0);
            switch (events.get(i)) {
                case TraceEvent.Acquire a -> openAcquire[a.g()] = i;
                case TraceEvent.Release r -> releaseRow[openAcquire[r.g()]] = i;
                default -> { }
            }
        }
        TraceStore store = new TraceStore(8);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                events.forEach(store::accept);
            } catch (Throwable t) {
                writerFailure.set(t);
            }
        }, "simulation");
        writer.start();

        int views = 0;
        int lastSize = 0;
        while (true) {
            boolean writerDone = !writer.isAlive();
            TraceView v = store.view();
            int n = v.size();
            assertThat(n).isGreaterThanOrEqualTo(lastSize);
            lastSize = n;
            views++;
            if (n > 0) {
                assertThat(v.event(n - 1)).isEqualTo(events.get(n - 1));
                assertThat(v.event(n / 2)).isEqualTo(events.get(n / 2));
                assertThat(v.intervalCount(Track.lockHolders(0))).isEqualTo(acquiresBefore[n]);
                int[] holds = v.overlapping(Track.lockHolders(0), v.now(), Long.MAX_VALUE);
                for (int hold : holds) {
                    long expectedEnd = releaseRow[hold] < n ? events.get(releaseRow[hold]).time() : TraceView.OPEN;
                    assertThat(v.end(hold)).isEqualTo(expectedEnd);
                }
                RowSummary s = v.summarize(Track.lockHolders(0), 0, v.now() + 1, 16);
                for (int m : s.maxConcurrency()) {
                    assertThat(m).isBetween(0, GOROUTINES);
                }
            }
            if (writerDone) {
                break;
            }
        }
        writer.join();
        assertThat(writerFailure.get()).isNull();
        assertThat(lastSize).isEqualTo(events.size());
        assertThat(views).isPositive();
    }

    /** Goroutines take lock 0 in turn, in read mode, each for a varying time; writers now and then. */
    private static List<TraceEvent> trace() {
        List<TraceEvent> events = new ArrayList<>();
        long t = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int g = 1 + round % GOROUTINES;
            Mode mode = round % 10 == 0 ? Mode.WRITE : Mode.READ;
            events.add(new TraceEvent.Request(t, g, 0, mode, Recorder.RLOCK));
            events.add(new TraceEvent.Acquire(t, g, 0, mode, Recorder.RLOCK));
            t += 1 + round % 7;
            events.add(new TraceEvent.Release(t, g, 0, mode, Recorder.RUNLOCK));
        }
        return events;
    }
}
