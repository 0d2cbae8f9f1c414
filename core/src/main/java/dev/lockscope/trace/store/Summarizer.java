package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * Computes a {@link RowSummary} for one track and one view: complete buckets come from the track's
 * {@link SummaryPyramid}; the time after its horizon (at most the last, unfinished bucket of the track, plus
 * time in which nothing happened to it) is swept from the few intervals that overlap it.
 *
 * <p>The horizon used is the lesser of the pyramid's and the view's last whole bucket: a bucket that ends by
 * the view's {@code now} depends only on rows before the view's end, since later rows have later times.
 */
final class Summarizer {
    private final Intervals intervals;
    private final int limit;
    private final long now;

    Summarizer(Intervals intervals, int limit, long now) {
        this.intervals = intervals;
        this.limit = limit;
        this.now = now;
    }

    RowSummary summarize(IntervalIndex index, long bucketWidth, long t0, long t1, int pixels) {
        double[] busy = new double[pixels];
        int[] max = new int[pixels];
        byte[] worst = new byte[pixels];
        RowSummary summary = new RowSummary(t0, t1, bucketWidth, now, busy, max, worst);
        long horizon = Long.MIN_VALUE;
        Tail tail = Tail.EMPTY;
        if (index != null) {
            horizon = Math.min(index.pyramid().horizon(), Math.floorDiv(now, bucketWidth) * bucketWidth);
            long tailFrom = Math.max(horizon, summary.from(0));
            long tailTo = summary.to(pixels - 1);
            if (tailFrom < tailTo) {
                tail = tail(index, tailFrom, tailTo);
            }
        }
        SummaryPyramid.Accumulator acc = new SummaryPyramid.Accumulator();
        for (int i = 0; i < pixels; i++) {
            long from = summary.from(i);
            long to = summary.to(i);
            long split = Math.clamp(horizon, from, to);
            acc.reset();
            if (from < split) {
                index.pyramid().aggregate(from, split, acc);
            }
            if (split < to) {
                tail.sweep(split, to, acc);
            }
            busy[i] = (double) acc.busy / (to - from);
            max[i] = acc.max;
            worst[i] = (byte) (acc.worst - 1);
        }
        return summary;
    }

    private Tail tail(IntervalIndex index, long from, long to) {
        IntList ids = new IntList();
        index.overlapping(from, to, limit, ids);
        int n = ids.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        int[] kinds = new int[n];
        for (int i = 0; i < n; i++) {
            int id = ids.get(i);
            starts[i] = intervals.start(id);
            ends[i] = Math.min(intervals.end(id, limit), now); // open intervals count up to now
            kinds[i] = intervals.kind(id).ordinal() + 1;
        }
        return new Tail(starts, ends, kinds);
    }

    /** The intervals overlapping the time after the horizon, swept per pixel; few by construction. */
    private record Tail(long[] starts, long[] ends, int[] kinds) {
        static final Tail EMPTY = new Tail(new long[0], new long[0], new int[0]);

        void sweep(long from, long to, SummaryPyramid.Accumulator acc) {
            int n = starts.length;
            long[] points = new long[2 * n]; // time << 1 | (1 for a start), so ends sort before starts
            int m = 0;
            int worst = 0;
            for (int i = 0; i < n; i++) {
                long s = Math.max(starts[i], from);
                long e = Math.min(ends[i], to);
                if (s < e) {
                    points[m++] = (s - from) << 1 | 1;
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
}
