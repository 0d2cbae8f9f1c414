package dev.lockscope.trace.store;

import java.util.Arrays;

/**
 * Per-bucket summaries of one track at resolutions 2<sup>k</sup>, 4&middot;2<sup>k</sup>, 16&middot;2<sup>k</sup>,
 * ... ns, kept up to date by sweeping the track's state forward in time as its events arrive.
 *
 * <p>A bucket holds, for its time range: the time during which at least one interval was active ("busy"),
 * the highest number of intervals active at once, and the most severe {@link IntervalKind} active (stored as
 * ordinal + 1, 0 for none). Intervals are half-open, so an interval of zero length counts for nothing.
 *
 * <p><b>Writer.</b> The track's state (active count, active kinds, pending planned ends of sleeps) only changes
 * at event times, which never decrease; {@link #advance} accounts the constant state between the last change and
 * now into the current base bucket. A bucket is written to its level only when it is complete, and a parent
 * is complete with its fourth child, so every stored bucket is final.
 *
 * <p><b>Readers.</b> {@link #horizon} (volatile) is the end of the last complete base bucket; everything a
 * reader reads from the levels lies before a horizon it has read, so it was written before that volatile write.
 * Buckets before the track's first activity are empty and not stored.
 *
 * <p><b>Costs.</b> Writer: O(1) amortised per event plus O(1) per base bucket the track lives through.
 * Reader: {@link #aggregate} visits at most 6 buckets per level, whatever the number of events.
 */
final class SummaryPyramid {
    private static final int LEVELS = 24;

    private final int baseShift;
    private final Level[] levels = new Level[LEVELS];
    private volatile long horizon = Long.MIN_VALUE;
    private long origin = -1; // base bucket index of the first activity; written before horizon is published

    // Writer state.
    private long swept = Long.MIN_VALUE;
    private int active;
    private final int[] kindCounts = new int[IntervalKind.values().length];
    private long[] accBusy = new long[2];
    private int[] accMax = new int[2];
    private byte[] accWorst = new byte[2];
    private long[] pendingEnd = new long[0];
    private byte[] pendingKind = new byte[0];
    private int pending;

    /** The complete buckets of one level, indexed from the bucket that holds the track's origin. */
    private static final class Level {
        final LongVector busy = new LongVector(12);
        final IntVector max = new IntVector(12);
        final ByteVector worst = new ByteVector(12);
    }

    /** Mutable sum of buckets, local to one query. */
    static final class Accumulator {
        long busy;
        int max;
        int worst; // ordinal + 1, 0 for none

        void reset() {
            busy = 0;
            max = 0;
            worst = 0;
        }

        void add(long b, int m, int w) {
            busy += b;
            max = Math.max(max, m);
            worst = Math.max(worst, w);
        }
    }

    SummaryPyramid(int baseShift) {
        this.baseShift = baseShift;
    }

    long bucketWidth() {
        return 1L << baseShift;
    }

    long horizon() {
        return horizon;
    }

    // ---- writer ----

    /** Accounts the state up to {@code t}, ending the planned intervals due by then. */
    void advance(long t) {
        while (pending > 0 && pendingEnd[0] <= t) {
            sweepTo(pendingEnd[0]);
            close(IntervalKind.ofOrdinal(pendingKind[0]));
            pending--;
            System.arraycopy(pendingEnd, 1, pendingEnd, 0, pending);
            System.arraycopy(pendingKind, 1, pendingKind, 0, pending);
        }
        sweepTo(t);
    }

    void open(IntervalKind kind) {
        active++;
        kindCounts[kind.ordinal()]++;
    }

    void close(IntervalKind kind) {
        active--;
        kindCounts[kind.ordinal()]--;
    }

    /** Opens an interval whose end is known now (a sleep); {@link #advance} closes it on time. */
    void openUntil(IntervalKind kind, long end) {
        open(kind);
        if (pending == pendingEnd.length) {
            pendingEnd = Arrays.copyOf(pendingEnd, pending * 2 + 1);
            pendingKind = Arrays.copyOf(pendingKind, pending * 2 + 1);
        }
        int at = pending;
        while (at > 0 && pendingEnd[at - 1] > end) { // kept sorted; a goroutine sleeps once at a time
            pendingEnd[at] = pendingEnd[at - 1];
            pendingKind[at] = pendingKind[at - 1];
            at--;
        }
        pendingEnd[at] = end;
        pendingKind[at] = (byte) kind.ordinal();
        pending++;
    }

    private void sweepTo(long t) {
        if (swept == Long.MIN_VALUE) {
            swept = t;
            origin = t >> baseShift;
            return;
        }
        if (t <= swept) {
            return;
        }
        int worst = worstKind();
        while (swept < t) {
            long bucket = swept >> baseShift;
            long bucketEnd = (bucket + 1) << baseShift;
            long segmentEnd = Math.min(t, bucketEnd);
            if (active > 0) {
                accBusy[0] += segmentEnd - swept;
                accMax[0] = Math.max(accMax[0], active);
                accWorst[0] = (byte) Math.max(accWorst[0], worst);
            }
            swept = segmentEnd;
            if (swept == bucketEnd) {
                complete(0, bucket);
                horizon = bucketEnd; // volatile: publishes the buckets just written
            }
        }
    }

    private int worstKind() {
        for (int k = kindCounts.length - 1; k >= 0; k--) {
            if (kindCounts[k] > 0) {
                return k + 1;
            }
        }
        return 0;
    }

    /** Stores the accumulated bucket of {@code level} and folds it into its parent, completing that too if last. */
    private void complete(int level, long bucket) {
        if (accBusy.length <= level + 1) {
            accBusy = Arrays.copyOf(accBusy, level + 2);
            accMax = Arrays.copyOf(accMax, level + 2);
            accWorst = Arrays.copyOf(accWorst, level + 2);
        }
        Level l = levels[level];
        if (l == null) {
            l = levels[level] = new Level();
        }
        l.busy.add(accBusy[level]);
        l.max.add(accMax[level]);
        l.worst.add(accWorst[level]);
        if (level + 1 < LEVELS) {
            accBusy[level + 1] += accBusy[level];
            accMax[level + 1] = Math.max(accMax[level + 1], accMax[level]);
            accWorst[level + 1] = (byte) Math.max(accWorst[level + 1], accWorst[level]);
        }
        accBusy[level] = 0;
        accMax[level] = 0;
        accWorst[level] = 0;
        if (level + 1 < LEVELS && (bucket & 3) == 3) {
            complete(level + 1, bucket >> 2);
        }
    }

    // ---- readers ----

    /**
     * Adds the complete buckets covering [{@code from}, {@code to}) to {@code acc}. Both bounds are multiples of
     * {@link #bucketWidth} and {@code to <= horizon()}, as read by the caller before.
     */
    void aggregate(long from, long to, Accumulator acc) {
        long b = from >> baseShift;
        long end = to >> baseShift;
        while (b < end) {
            int level = 0;
            while (level + 1 < LEVELS && levels[level + 1] != null
                    && (b & ((1L << 2 * (level + 1)) - 1)) == 0 && b + (1L << 2 * (level + 1)) <= end) {
                level++;
            }
            long index = (b >> 2 * level) - (origin >> 2 * level);
            if (index >= 0) {
                Level l = levels[level];
                int i = Math.toIntExact(index);
                acc.add(l.busy.get(i), l.max.get(i), l.worst.get(i));
            }
            b += 1L << 2 * level;
        }
    }
}
