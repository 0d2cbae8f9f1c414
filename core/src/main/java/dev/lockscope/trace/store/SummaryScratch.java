package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * Working memory for {@link TraceView#summarize(Track, long, long, int, SummaryScratch)}, kept between queries:
 * a reader that summarises hundreds of tracks a frame (the timeline, one per goroutine in view) passes the same
 * scratch each time, and its interval buffers, grown once, are reused instead of being allocated and grown
 * again for every track. So are the output arrays: a summary computed with a scratch is overwritten by the
 * scratch's next query (see {@link RowSummary}).
 *
 * <p>Not thread-safe: one per reader thread, used by one query at a time.
 */
public final class SummaryScratch {
    final IntList ids = new IntList();
    /** The intervals of the unsplit bucket being swept. */
    final SpanSweep bucket = new SpanSweep();
    /** The intervals after the pyramid's horizon. */
    final SpanSweep tail = new SpanSweep();
    final SummaryPyramid.Accumulator acc = new SummaryPyramid.Accumulator();
    private final SummaryPyramid.Cursor cursor = new SummaryPyramid.Cursor();
    private double[] busy = new double[0];
    private int[] max = new int[0];
    private byte[] worst = new byte[0];

    /** Output arrays of at least {@code pixels} entries: the last query's, unless too short. */
    void ensure(int pixels) {
        if (busy.length < pixels) {
            busy = new double[pixels];
            max = new int[pixels];
            worst = new byte[pixels];
        }
    }

    double[] busy() {
        return busy;
    }

    int[] max() {
        return max;
    }

    byte[] worst() {
        return worst;
    }

    /** The sparse-level cursor, back at the start: its positions belong to one track's pyramid. */
    SummaryPyramid.Cursor freshCursor() {
        Arrays.fill(cursor.at, 0);
        return cursor;
    }
}
