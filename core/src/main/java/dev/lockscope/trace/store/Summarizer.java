package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * Computes a {@link RowSummary} for one track and one view. Before the track's summary horizon, each pixel is
 * read from the track's {@link SummaryPyramid}, which hands back the parts it did not keep to
 * {@link #sweepPiece}; after the horizon (at most one unfinished bucket in which few intervals start, plus time in
 * which nothing happened to the track) the intervals overlapping it are swept. A track without a pyramid (a
 * compact goroutine track, with at most {@value CompactTracks#MAX_INTERVALS} intervals) is swept throughout.
 *
 * <p>The horizon used is the lesser of the pyramid's and the view's last whole bucket: a bucket that ends by
 * the view's {@code now} depends only on rows before the view's end, since later rows have later times.
 *
 * <p>Not thread-safe: one per query (it reuses scratch arrays between pixels).
 */
final class Summarizer {
    private final Intervals intervals;
    private final int limit;
    private final long now;
    private final IntList ids = new IntList();
    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int[] kinds = new int[16];
    private long[] points = new long[32];
    /** Whether the scratch arrays hold the intervals overlapping [cachedFrom, cachedTo) (the last swept bucket). */
    private boolean cached;
    private long cachedFrom;
    private long cachedTo;
    private int cachedCount;

    Summarizer(Intervals intervals, int limit, long now) {
        this.intervals = intervals;
        this.limit = limit;
        this.now = now;
    }

    RowSummary summarize(TrackIntervals track, long bucketWidth, long t0, long t1, int pixels) {
        double[] busy = new double[pixels];
        int[] max = new int[pixels];
        byte[] worst = new byte[pixels];
        RowSummary summary = new RowSummary(t0, t1, bucketWidth, now, busy, max, worst);
        if (track == null) {
            Arrays.fill(worst, (byte) -1);
            return summary;
        }
        SummaryPyramid pyramid = track.pyramid();
        long horizon = pyramid == null ? Long.MIN_VALUE
                : Math.min(pyramid.horizon(), Math.floorDiv(now, bucketWidth) * bucketWidth);
        long tailFrom = Math.max(horizon, summary.from(0));
        int tail = tailFrom < summary.to(pixels - 1) ? load(track, tailFrom, summary.to(pixels - 1)) : 0;
        SummaryPyramid.Sweeper pieces = (from, to, spanFrom, spanTo, acc) -> {
            if (!cached || spanFrom < cachedFrom || spanTo > cachedTo) { // a new bucket: load it whole, once
                cachedCount = load(track, spanFrom, spanTo); // first: it may replace the scratch arrays
                cachedFrom = spanFrom;
                cachedTo = spanTo;
                cached = true;
            }
            sweep(starts, ends, kinds, cachedCount, from, to, acc); // clips to [from, to)
        };
        SummaryPyramid.Accumulator acc = new SummaryPyramid.Accumulator();
        long[] tailStarts = Arrays.copyOf(starts, tail); // kept apart: the pieces above reuse the scratch
        long[] tailEnds = Arrays.copyOf(ends, tail);
        int[] tailKinds = Arrays.copyOf(kinds, tail);
        for (int i = 0; i < pixels; i++) {
            long from = summary.from(i);
            long to = summary.to(i);
            long split = Math.clamp(horizon, from, to);
            acc.reset();
            if (from < split) {
                pyramid.aggregate(from, split, acc, pieces);
            }
            if (split < to) {
                sweep(tailStarts, tailEnds, tailKinds, tail, split, to, acc);
            }
            busy[i] = (double) acc.busy / (to - from);
            max[i] = acc.max;
            worst[i] = (byte) (acc.worst - 1);
        }
        return summary;
    }

    /** Loads the intervals overlapping [from, to) into the scratch arrays; returns their number. */
    private int load(TrackIntervals track, long from, long to) {
        ids.clear();
        track.overlapping(from, to, limit, ids);
        int n = ids.size();
        if (n > starts.length) {
            starts = new long[n];
            ends = new long[n];
            kinds = new int[n];
        }
        for (int i = 0; i < n; i++) {
            int id = ids.get(i);
            starts[i] = intervals.start(id);
            ends[i] = Math.min(intervals.end(id, limit), now); // open intervals count up to now
            kinds[i] = intervals.kind(id).ordinal() + 1;
        }
        return n;
    }

    /** Adds the first {@code n} intervals, clipped to [from, to), to {@code acc}. */
    private void sweep(long[] starts, long[] ends, int[] kinds, int n, long from, long to,
                       SummaryPyramid.Accumulator acc) {
        if (points.length < 2 * n) {
            points = new long[2 * n];
        }
        int m = 0;
        int worst = 0;
        for (int i = 0; i < n; i++) {
            long s = Math.max(starts[i], from);
            long e = Math.min(ends[i], to);
            if (s < e) {
                points[m++] = (s - from) << 1 | 1; // time << 1 | (1 for a start), so ends sort before starts
                points[m++] = (e - from) << 1;
                worst = Math.max(worst, kinds[i]);
            }
        }
        Arrays.sort(points, 0, m);
        long busy = 0;
        int active = 0;
        int max = 0;
        long last = 0;
        for (int k = 0; k < m; k++) {
            long t = points[k] >> 1;
            if (active > 0) {
                busy += t - last;
            }
            active += (points[k] & 1) == 1 ? 1 : -1;
            max = Math.max(max, active);
            last = t;
        }
        acc.add(busy, max, worst);
    }
}
