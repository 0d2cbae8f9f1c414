package dev.lockscope.trace.store;

import dev.lockscope.interval.IntervalKind;
import java.util.Arrays;
/**
 * Per-bucket summaries of one track at resolutions 2<sup>k</sup>, 4&middot;2<sup>k</sup>, 16&middot;2<sup>k</sup>,
 * ... ns (levels 0, 1, 2, ...), kept up to date by sweeping the track's state forward in time as its events
 * arrive, and stored only where they save work: memory follows the track's intervals, not its lifetime.
 *
 * <p>A bucket holds, for its time range: the time during which at least one interval was active ("busy"),
 * the highest number of intervals active at once, and the most severe {@link IntervalKind} active (stored as
 * ordinal + 1, 0 for none). Intervals are half-open, so an interval of zero length counts for nothing.
 *
 * <p><b>What is stored.</b> Levels {@value #DENSE} and up (2<sup>12</sup> base buckets, 4.3 s at the default
 * base) keep every bucket from the track's first activity on. Below, a bucket is kept only if its parent is
 * <em>split</em>: more than {@code split} intervals start in the parent. So a bucket that is not kept lies in an
 * unsplit parent, in which at most {@code split} intervals start, and a reader can sweep any part of it from the
 * track's intervals ({@link Sweeper}) at the cost of an overlap query. A track whose intervals outnumber its
 * buckets keeps its fine levels where it is busy; an idle or short-lived one keeps almost nothing.
 *
 * <p><b>Writer.</b> The track's state (active count, active kinds, pending planned ends of sleeps) only changes
 * at event times, which never decrease; {@link #advance} accounts the constant state between the last change and
 * now into the current buckets (whole idle or constant stretches in one step per bucket of the largest level
 * that fits). A bucket is stored only when complete. A complete child of a parent that is not (yet) split waits
 * in a buffer of at most three; if the parent splits they are stored, if it completes unsplit they are dropped.
 *
 * <p><b>Readers.</b> {@link #horizon} (volatile) is the time before which everything is final and stored: the
 * end of the last complete base bucket, or, if earlier, the start of the highest unfinished unsplit bucket
 * (whose children may still be buffered). Readers read it first and use buckets only before it; the intervals
 * after it are few (at most {@code split} start there). Sparse bucket keys are searched with opaque reads, so
 * an entry written after the horizon reads as absent or as itself, and is then ignored.
 *
 * <p><b>Costs.</b> Writer: O(1) amortised per event plus O(levels) per stored bucket. Reader: {@link #aggregate}
 * reads at most ~6 dense buckets per level, descends at most two chains of partial buckets (a binary search per
 * level, resumed from the reader's {@link Cursor}), and sweeps at most two pieces of unsplit buckets: independent
 * of the number of events.
 */
final class SummaryPyramid {
    static final int LEVELS = 24;
    /** The lowest level stored densely. */
    static final int DENSE = 6;
    /** The default split threshold: the largest number of starts swept rather than stored. */
    static final int SPLIT = 64;

    private final int baseShift;
    private final int split;
    /** Where full chunks of the levels go; {@code null}: the heap. */
    private final ChunkSpill spill;
    private final DenseLevel[] dense = new DenseLevel[LEVELS];
    private final SparseLevel[] sparse = new SparseLevel[DENSE];
    private volatile long horizon = Long.MIN_VALUE;
    private volatile long idleFrom = Long.MAX_VALUE;
    private long origin = -1; // base bucket index of the first activity; written before horizon is published
    private Writer writer; // null before the first activity and after retire()
    private boolean retired;

    /**
     * Sweeps the track's intervals over [from, to) into an accumulator: what the pyramid did not keep. The piece
     * lies in the bucket [spanFrom, spanTo), in which few intervals start, so a sweeper may load the intervals
     * overlapping the whole bucket once and reuse them for the next pieces inside it (the next pixels).
     */
    interface Sweeper {
        void sweep(long from, long to, long spanFrom, long spanTo, Accumulator acc);
    }

    // Chunks of a page (log2 of the elements): a store has a pyramid per busy track, each with a dozen levels, and
    // every vector keeps the chunk it fills on the heap; larger chunks would multiply that by the track count.
    private static final int PAGE_LONGS = 9;
    private static final int PAGE_INTS = 10;
    private static final int PAGE_BYTES = 12;

    /** The buckets of a level from the track's origin on, one per bucket. */
    private static final class DenseLevel {
        final LongVector busy;
        final IntVector max;
        final ByteVector worst;

        DenseLevel(ChunkSpill spill) {
            busy = new LongVector(PAGE_LONGS, spill);
            max = new IntVector(PAGE_INTS, spill);
            worst = new ByteVector(PAGE_BYTES, spill);
        }
    }

    /** The kept buckets of a level, by ascending bucket index ({@code key} = index + 1, so 0 reads as absent). */
    private static final class SparseLevel {
        final LongVector keys;
        final LongVector busy;
        final IntVector max;
        final ByteVector worst;

        SparseLevel(ChunkSpill spill) {
            keys = new LongVector(PAGE_LONGS, spill);
            busy = new LongVector(PAGE_LONGS, spill);
            max = new IntVector(PAGE_INTS, spill);
            worst = new ByteVector(PAGE_BYTES, spill);
        }

        void add(long index, long b, int m, byte w) {
            busy.add(b);
            max.add(m);
            worst.add(w);
            keys.addOpaque(index + 1);
        }

        /**
         * The first position whose bucket index is at least {@code index} (entries not visible yet count as
         * after everything: they are appended last). Gallops forward from {@code hint} when every position
         * before it is below {@code index}, as it is for a reader moving forward in time; otherwise from 0.
         * Only valid for buckets before a horizon read earlier.
         */
        int lowerBound(long index, int hint) {
            int size = keys.size();
            int lo = hint > 0 && hint <= size && below(hint - 1, index) ? hint : 0;
            int hi = lo;
            int step = 1;
            while (hi < size && below(hi, index)) {
                lo = hi + 1;
                hi = Math.min(size, lo + step);
                step <<= 1;
            }
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (below(mid, index)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** The bucket index at {@code position}, or -1 if there is none (yet, for this thread). */
        long indexAt(int position) {
            return keys.getOpaqueOr(position, 0) - 1;
        }

        private boolean below(int position, long index) {
            long k = keys.getOpaqueOr(position, 0);
            return k != 0 && k - 1 < index;
        }
    }

    /** State the writer needs while the track is live; dropped at {@link #retire}. */
    private static final class Writer {
        long swept = Long.MIN_VALUE;
        int active;
        final int[] kindCounts = new int[IntervalKind.values().length];
        final long[] accBusy = new long[LEVELS];
        final int[] accMax = new int[LEVELS];
        final byte[] accWorst = new byte[LEVELS];
        /** Intervals started in the unfinished bucket of levels 1..DENSE. */
        final int[] starts = new int[DENSE + 1];
        /** Complete children of the unfinished bucket of level l (1..DENSE) not stored yet: 3 slots per level. */
        final long[] pendingIndex = new long[3 * (DENSE + 1)];
        final long[] pendingBusy = new long[3 * (DENSE + 1)];
        final int[] pendingMax = new int[3 * (DENSE + 1)];
        final byte[] pendingWorst = new byte[3 * (DENSE + 1)];
        final int[] pendingChildren = new int[DENSE + 1];
        long[] plannedEnd = new long[0];
        byte[] plannedKind = new byte[0];
        int planned;
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

    /**
     * Where a reader last was in each sparse level, local to one query: a row's pixels move forward in time, so
     * each level's next bucket is found by galloping from the last one instead of a binary search from scratch.
     */
    static final class Cursor {
        final int[] at = new int[DENSE];
    }

    /** A pyramid that keeps every bucket (no parent is ever unsplit), so that it can be read without a sweeper. */
    SummaryPyramid(int baseShift) {
        this(baseShift, -1, null);
    }

    /** @param split a bucket in which more than this many intervals start keeps its children; -1 keeps all */
    SummaryPyramid(int baseShift, int split, ChunkSpill spill) {
        this.spill = spill;
        this.baseShift = baseShift;
        this.split = split;
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
        Writer w = writer();
        while (w.planned > 0 && w.plannedEnd[0] <= t) {
            sweepTo(w, w.plannedEnd[0]);
            close(IntervalKind.ofOrdinal(w.plannedKind[0]));
            w.planned--;
            System.arraycopy(w.plannedEnd, 1, w.plannedEnd, 0, w.planned);
            System.arraycopy(w.plannedKind, 1, w.plannedKind, 0, w.planned);
        }
        sweepTo(w, t);
    }

    /** Starts an interval at the time of the last {@link #advance}. */
    void open(IntervalKind kind) {
        Writer w = writer();
        w.active++;
        w.kindCounts[kind.ordinal()]++;
        boolean flushed = false;
        for (int l = 1; l <= DENSE; l++) {
            if (++w.starts[l] == split + 1) {
                flush(w, l);
                flushed = true;
            }
        }
        if (flushed) {
            publishHorizon(w);
        }
    }

    void close(IntervalKind kind) {
        Writer w = writer();
        w.active--;
        w.kindCounts[kind.ordinal()]--;
    }

    /** Opens an interval whose end is known now (a sleep); {@link #advance} closes it on time. */
    void openUntil(IntervalKind kind, long end) {
        open(kind);
        Writer w = writer;
        if (w.planned == w.plannedEnd.length) {
            w.plannedEnd = Arrays.copyOf(w.plannedEnd, w.planned * 2 + 1);
            w.plannedKind = Arrays.copyOf(w.plannedKind, w.planned * 2 + 1);
        }
        int at = w.planned;
        while (at > 0 && w.plannedEnd[at - 1] > end) { // kept sorted; a goroutine sleeps once at a time
            w.plannedEnd[at] = w.plannedEnd[at - 1];
            w.plannedKind[at] = w.plannedKind[at - 1];
            at--;
        }
        w.plannedEnd[at] = end;
        w.plannedKind[at] = (byte) kind.ordinal();
        w.planned++;
    }

    /**
     * Drops the writer's state; the track gains no interval after this (a goroutine's track at its exit). What
     * was not stored yet is swept by readers, as after any horizon.
     */
    void retire() {
        Writer w = writer;
        if (w != null && w.active == 0 && w.planned == 0 && w.swept != Long.MIN_VALUE) {
            // Idle for good: complete the buckets up to the end of the current top sparse bucket, so that the
            // horizon passes the track's last activity and readers have no tail to sweep (see idleFrom).
            idleFrom = w.swept;
            long top = 1L << (baseShift + 2 * DENSE);
            if (baseShift + 2 * DENSE < 62 && w.swept <= Long.MAX_VALUE - 2 * top) {
                sweepTo(w, Math.floorDiv(w.swept, top) * top + top);
            }
        }
        writer = null;
        retired = true;
    }

    /**
     * The time from which the track is idle for good (retired with nothing active), or {@link Long#MAX_VALUE}:
     * no interval of the track overlaps [idleFrom, &infin;) in any view, since older views count open intervals
     * only up to their own {@code now}, which is before it.
     */
    long idleFrom() {
        return idleFrom;
    }

    private Writer writer() {
        Writer w = writer;
        return w != null ? w : newWriter(); // the first use apart: this runs on every event of the track
    }

    private Writer newWriter() {
        if (retired) {
            throw new IllegalStateException("the track was retired");
        }
        writer = new Writer();
        return writer;
    }

    private void sweepTo(Writer w, long t) {
        if (w.swept == Long.MIN_VALUE) {
            w.swept = t;
            origin = t >> baseShift;
            return;
        }
        if (t <= w.swept) {
            return;
        }
        int worst = worstKind(w);
        long unit = 1L << baseShift;
        while (w.swept < t) {
            long bucket = w.swept >> baseShift;
            if ((w.swept & (unit - 1)) == 0) {
                int level = wholeLevel(bucket, t);
                if (level > 0) { // a whole bucket of constant state: account it in one step
                    long span = 1L << (baseShift + 2 * level);
                    if (w.active > 0) {
                        w.accBusy[level] = span;
                        w.accMax[level] = w.active;
                        w.accWorst[level] = (byte) worst;
                    }
                    w.swept += span;
                    complete(w, level, bucket >> 2 * level);
                    continue;
                }
            }
            long bucketEnd = (bucket + 1) << baseShift;
            long segmentEnd = Math.min(t, bucketEnd);
            if (w.active > 0) {
                w.accBusy[0] += segmentEnd - w.swept;
                w.accMax[0] = Math.max(w.accMax[0], w.active);
                w.accWorst[0] = (byte) Math.max(w.accWorst[0], worst);
            }
            w.swept = segmentEnd;
            if (w.swept == bucketEnd) {
                complete(w, 0, bucket);
            }
        }
        publishHorizon(w);
    }

    /** The largest level (up to DENSE) whose bucket starts at base bucket {@code b} and ends by {@code t}, or 0. */
    private int wholeLevel(long b, long t) {
        int level = 0;
        while (level < DENSE && (b & ((1L << 2 * (level + 1)) - 1)) == 0
                && (b + (1L << 2 * (level + 1))) << baseShift <= t) {
            level++;
        }
        return level;
    }

    private static int worstKind(Writer w) {
        for (int k = w.kindCounts.length - 1; k >= 0; k--) {
            if (w.kindCounts[k] > 0) {
                return k + 1;
            }
        }
        return 0;
    }

    /** Stores (or buffers) the accumulated bucket of {@code level}, folds it into its parent, completing that if last. */
    private void complete(Writer w, int level, long bucket) {
        keep(w, level, bucket, w.accBusy[level], w.accMax[level], w.accWorst[level]);
        if (level + 1 < LEVELS) {
            w.accBusy[level + 1] += w.accBusy[level];
            w.accMax[level + 1] = Math.max(w.accMax[level + 1], w.accMax[level]);
            w.accWorst[level + 1] = (byte) Math.max(w.accWorst[level + 1], w.accWorst[level]);
        }
        w.accBusy[level] = 0;
        w.accMax[level] = 0;
        w.accWorst[level] = 0;
        if (level <= DENSE) {
            w.starts[level] = 0;
            w.pendingChildren[level] = 0; // an unsplit bucket's children are not needed
        }
        if (level + 1 < LEVELS && (bucket & 3) == 3) {
            complete(w, level + 1, bucket >> 2);
        }
    }

    private void keep(Writer w, int level, long bucket, long busy, int max, byte worst) {
        if (level >= DENSE) {
            DenseLevel d = dense[level];
            if (d == null) {
                d = dense[level] = new DenseLevel(spill);
            }
            d.busy.add(busy);
            d.max.add(max);
            d.worst.add(worst);
        } else if (w.starts[level + 1] > split) {
            sparse(level).add(bucket, busy, max, worst);
        } else if ((bucket & 3) != 3) { // the last child completes its parent, unsplit: not needed
            int at = 3 * (level + 1) + w.pendingChildren[level + 1]++;
            w.pendingIndex[at] = bucket;
            w.pendingBusy[at] = busy;
            w.pendingMax[at] = max;
            w.pendingWorst[at] = worst;
        }
    }

    /** The unfinished bucket of {@code level} has just split: store its buffered children. */
    private void flush(Writer w, int level) {
        for (int i = 0; i < w.pendingChildren[level]; i++) {
            int at = 3 * level + i;
            sparse(level - 1).add(w.pendingIndex[at], w.pendingBusy[at], w.pendingMax[at], w.pendingWorst[at]);
        }
        w.pendingChildren[level] = 0;
    }

    private SparseLevel sparse(int level) {
        SparseLevel s = sparse[level];
        if (s == null) {
            s = sparse[level] = new SparseLevel(spill);
        }
        return s;
    }

    private void publishHorizon(Writer w) {
        long base = w.swept >> baseShift; // the unfinished base bucket
        long h = base;
        for (int l = DENSE; l >= 1; l--) {
            if (w.starts[l] <= split) { // unsplit: its complete children may be buffered, not stored
                h = base >> 2 * l << 2 * l;
                break;
            }
        }
        long time = h << baseShift;
        if (time > horizon) {
            horizon = time; // volatile: publishes every bucket stored before it
        }
    }

    // ---- readers ----

    /**
     * Adds [{@code from}, {@code to}) to {@code acc}: stored buckets where they fit, {@code sweeper} for the parts
     * of unsplit buckets. Both bounds are multiples of {@link #bucketWidth} and {@code to <= horizon()}, as read
     * by the caller before.
     */
    void aggregate(long from, long to, Accumulator acc, Sweeper sweeper) {
        aggregate(from, to, acc, sweeper, new Cursor());
    }

    /**
     * Like {@link #aggregate(long, long, Accumulator, Sweeper)}, resuming the sparse levels' searches at
     * {@code cursor}. A range that is one whole bucket of a sparse level (as the timeline's columns are) is read by
     * {@link #aggregateBucket}.
     */
    void aggregate(long from, long to, Accumulator acc, Sweeper sweeper, Cursor cursor) {
        int bucketLevel = sparseLevelOf(from, to);
        if (bucketLevel >= 0) {
            aggregateBucket(bucketLevel, from >> 2 * bucketLevel + baseShift, acc, sweeper, cursor);
            return;
        }
        long h = horizon >> baseShift; // at least the caller's: everything before it is stored and visible
        long b = from >> baseShift;
        long end = to >> baseShift;
        long denseSpan = 1L << 2 * DENSE;
        while (b < end) {
            if ((b & (denseSpan - 1)) == 0 && b + denseSpan <= end) {
                int level = DENSE;
                while (level + 1 < LEVELS && dense[level + 1] != null
                        && (b & ((1L << 2 * (level + 1)) - 1)) == 0 && b + (1L << 2 * (level + 1)) <= end) {
                    level++;
                }
                long index = (b >> 2 * level) - (origin >> 2 * level);
                if (index >= 0) {
                    DenseLevel d = dense[level];
                    int i = Math.toIntExact(index);
                    acc.add(d.busy.get(i), d.max.get(i), d.worst.get(i));
                }
                b += 1L << 2 * level;
            } else {
                long top = b >> 2 * DENSE;
                long pieceEnd = Math.min(end, (top + 1) << 2 * DENSE);
                descend(DENSE, top, b, pieceEnd, h, acc, sweeper, cursor);
                b = pieceEnd;
            }
        }
    }

    /**
     * Adds the whole bucket {@code index} of sparse level {@code level} (&lt; {@value #DENSE}), which ends by the
     * horizon read by the caller: one search of that level from the cursor, instead of a descent from the dense
     * levels. A bucket that is not kept lies in an unsplit parent (or where the track was idle); so does its
     * parent if that is not kept either, and so on up. It is swept with the largest such ancestor as the span,
     * in which few intervals start, so that a sweeper that loads the span once also serves the columns after it.
     */
    private void aggregateBucket(int level, long index, Accumulator acc, Sweeper sweeper, Cursor cursor) {
        if (addIfKept(level, index, acc, cursor)) {
            return;
        }
        int top = level + 1;
        long ancestor = index >> 2;
        while (top < DENSE && !isKept(top, ancestor, cursor)) {
            top++;
            ancestor >>= 2;
        }
        int shift = 2 * level + baseShift;
        int topShift = 2 * top + baseShift;
        sweeper.sweep(index << shift, (index + 1) << shift, ancestor << topShift, (ancestor + 1) << topShift, acc);
    }

    /** The sparse level of which [from, to) is one whole bucket, or -1 if it is none. */
    private int sparseLevelOf(long from, long to) {
        long width = to - from;
        if (width < 1L << baseShift || Long.bitCount(width) != 1 || (from & (width - 1)) != 0) {
            return -1;
        }
        int twice = Long.numberOfTrailingZeros(width) - baseShift; // width = base * 4^level
        return twice % 2 == 0 && twice / 2 < DENSE ? twice / 2 : -1;
    }

    private boolean addIfKept(int level, long index, Accumulator acc, Cursor cursor) {
        if (!isKept(level, index, cursor)) {
            return false;
        }
        SparseLevel kept = sparse[level];
        int p = cursor.at[level];
        acc.add(kept.busy.get(p), kept.max.get(p), kept.worst.get(p));
        return true;
    }

    /** Whether sparse level {@code level} keeps bucket {@code index}; leaves the cursor at its position. */
    private boolean isKept(int level, long index, Cursor cursor) {
        SparseLevel kept = sparse[level];
        if (kept == null) {
            return false;
        }
        int p = kept.lowerBound(index, cursor.at[level]);
        cursor.at[level] = p;
        return kept.indexAt(p) == index;
    }

    /** Reads a pyramid that keeps every bucket ({@link #SummaryPyramid(int)}): nothing is left to sweep. */
    void aggregate(long from, long to, Accumulator acc) {
        aggregate(from, to, acc, (f, t, sf, st, a) -> { }); // only buckets before the first activity are absent: empty
    }

    /**
     * Adds the part [lo, hi) (base bucket indexes, before the horizon {@code h}) of bucket {@code index} of
     * {@code level}. A child that is not kept is either in an unsplit parent or before the track's first activity
     * (swept: few intervals start there), or unfinished at the horizon (only the one containing it; its finished
     * children are kept if it is split, so it is descended into).
     */
    private void descend(int level, long index, long lo, long hi, long h, Accumulator acc, Sweeper sweeper,
                         Cursor cursor) {
        SparseLevel children = sparse[level - 1];
        long first = index << 2;
        int shift = 2 * (level - 1);
        boolean finished = (index + 1) << 2 * level <= h;
        // One search for the four children: the kept ones are consecutive positions from p on.
        int p = children == null ? 0 : children.lowerBound(first, cursor.at[level - 1]);
        long next = children == null ? -1 : children.indexAt(p);
        if (finished && (next < 0 || next >= first + 4)) { // unsplit: one sweep
            sweeper.sweep(lo << baseShift, hi << baseShift, first << shift << baseShift,
                    (first + 4) << shift << baseShift, acc);
            return;
        }
        for (int k = 0; k < 4; k++) {
            long child = first + k;
            int at = -1;
            if (next == child) {
                at = p++;
                next = children.indexAt(p);
            }
            long childLo = child << shift;
            long childHi = childLo + (1L << shift);
            long a = Math.max(lo, childLo);
            long z = Math.min(hi, childHi);
            if (a >= z) {
                continue;
            }
            if (at >= 0 && a == childLo && z == childHi) {
                acc.add(children.busy.get(at), children.max.get(at), children.worst.get(at));
            } else if (at >= 0 || (childHi > h && level > 1)) {
                descend(level - 1, child, a, z, h, acc, sweeper, cursor);
            } else {
                sweeper.sweep(a << baseShift, z << baseShift, childLo << baseShift, childHi << baseShift, acc);
            }
        }
        if (children != null) {
            cursor.at[level - 1] = p;
        }
    }
}
