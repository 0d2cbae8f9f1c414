package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * Computes a {@link RowSummary} for one track and one view. Before the track's summary horizon, each pixel is
 * read from the track's {@link SummaryPyramid}, which hands back the parts it did not keep: those are swept from
 * the intervals of the unsplit bucket around them, loaded once into a {@link SpanSweep} for all the pixels inside
 * it. After the horizon (at most one unfinished bucket in which few intervals start, plus time in which nothing
 * happened to the track) the intervals overlapping it are swept the same way, loaded once per query. A track without a pyramid (a
 * compact goroutine track, with at most {@value CompactTracks#MAX_INTERVALS} intervals) is swept throughout.
 *
 * <p>The horizon used is the lesser of the pyramid's and the view's last whole bucket: a bucket that ends by
 * the view's {@code now} depends only on rows before the view's end, since later rows have later times.
 *
 * <p>Not thread-safe: one per query (it reuses its sweeps between pixels); its buffers come from a
 * {@link SummaryScratch}, which may serve one query after another.
 */
final class Summarizer {
    private final Intervals intervals;
    private final int limit;
    private final long now;
    private final SummaryScratch scratch;
    /** The intervals of the last unsplit bucket swept, [its from, its to): loaded once for all pixels inside it. */
    private final SpanSweep bucket;
    private boolean cached;
    private long cachedFrom;
    private long cachedTo;

    Summarizer(Intervals intervals, int limit, long now, SummaryScratch scratch) {
        this.intervals = intervals;
        this.limit = limit;
        this.now = now;
        this.scratch = scratch;
        this.bucket = scratch.bucket;
    }

    RowSummary summarize(TrackIntervals track, long bucketWidth, long t0, long t1, int pixels) {
        scratch.ensure(pixels);
        double[] busy = scratch.busy();
        int[] max = scratch.max();
        byte[] worst = scratch.worst();
        RowSummary summary = new RowSummary(t0, t1, bucketWidth, now, pixels, busy, max, worst);
        if (track == null) {
            Arrays.fill(busy, 0, pixels, 0);
            Arrays.fill(max, 0, pixels, 0);
            Arrays.fill(worst, 0, pixels, (byte) -1);
            return summary;
        }
        SummaryPyramid pyramid = track.pyramid();
        long horizon = pyramid == null ? Long.MIN_VALUE
                : Math.min(pyramid.horizon(), Math.floorDiv(now, bucketWidth) * bucketWidth);
        long tailFrom = Math.max(horizon, summary.from(0));
        long tailTo = summary.to(pixels - 1);
        SpanSweep tail = scratch.tail; // kept apart: the bucket sweep is reloaded between pixels
        tail.reset(0, 0);
        if (tailFrom < tailTo && (pyramid == null || tailFrom < pyramid.idleFrom())) { // else nothing there
            load(track, tailFrom, tailTo, tail);
        }
        SummaryPyramid.Sweeper pieces = (from, to, spanFrom, spanTo, acc) -> {
            if (!cached || spanFrom < cachedFrom || spanTo > cachedTo) { // a new bucket: load it whole, once
                load(track, spanFrom, spanTo, bucket);
                cachedFrom = spanFrom;
                cachedTo = spanTo;
                cached = true;
            }
            bucket.sum(from, to, acc);
        };
        SummaryPyramid.Accumulator acc = scratch.acc;
        SummaryPyramid.Cursor cursor = scratch.freshCursor();
        for (int i = 0; i < pixels; i++) {
            long from = summary.from(i);
            long to = summary.to(i);
            long split = Math.clamp(horizon, from, to);
            acc.reset();
            if (from < split && cached && cachedFrom <= from && split <= cachedTo) {
                bucket.sum(from, split, acc); // inside the loaded unsplit bucket: the pyramid would route it there
            } else if (from < split) {
                pyramid.aggregate(from, split, acc, pieces, cursor);
            }
            if (split < to) {
                tail.sum(split, to, acc);
            }
            busy[i] = (double) acc.busy / (to - from);
            max[i] = acc.max;
            worst[i] = (byte) (acc.worst - 1);
        }
        return summary;
    }

    /** Loads the intervals overlapping [from, to) into {@code into}, clipped to it. */
    private void load(TrackIntervals track, long from, long to, SpanSweep into) {
        IntList ids = scratch.ids;
        ids.clear();
        track.overlapping(from, to, limit, ids);
        into.reset(from, to);
        for (int i = 0, n = ids.size(); i < n; i++) {
            int id = ids.get(i);
            long end = Math.min(intervals.end(id, limit), now); // open intervals count up to now
            into.add(intervals.start(id), end, intervals.kind(id).ordinal() + 1);
        }
        into.seal();
    }
}
