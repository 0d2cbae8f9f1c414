package dev.lockscope.trace.store;

import dev.lockscope.interval.IntervalKind;
import java.util.Arrays;
/**
 * The intervals of one {@link Track}, in start order, with what makes overlap and summary queries cheap.
 *
 * <p><b>Storage.</b> The entries (fields {@code e0..e3}, then {@code more}) hold interval ids (start rows) + 1, so that a
 * slot this thread cannot
 * see yet reads as 0. Ids grow with start time, because rows are appended in time order. Every
 * {@value #CHECKPOINT} entries a checkpoint records the earlier intervals still active at that entry's start:
 * {@code [count, id...]} in {@code Checkpoints.data}, found through {@code Checkpoints.starts}. The checkpoint at entry 0
 * is not stored: nothing is active before the first interval (so the many short tracks store none).
 *
 * <p><b>Overlap query</b> over [t0, t1): intervals starting in [t0, t1) are a contiguous run found by binary
 * search; intervals starting before t0 and still active at t0 are in the nearest checkpoint at or before the
 * run, or among the at most {@value #CHECKPOINT} entries between that checkpoint and the run. Cost:
 * O(log n + {@value #CHECKPOINT} + c + k) for c intervals active at the checkpoint and k results, whatever the
 * lengths of the intervals.
 *
 * <p><b>Threads.</b> One writer; readers pass the row count of their view and see exactly the intervals
 * starting below it. The track table stores this object with a release write and readers read it with an acquire
 * read, so a reader that finds it sees it fully built. Its first entries are plain fields, written like any
 * column slot before the row that adds them is published (an entry not visible yet reads as 0, which readers
 * skip); the pyramid and the checkpoints, created later, are published through volatile fields (written before
 * the row that needs them is published).
 *
 * <p><b>Summaries.</b> A track with at most {@value CompactTracks#MAX_INTERVALS} intervals has no
 * {@link SummaryPyramid}: readers sweep its few intervals. The pyramid is built when the track gains one more,
 * by replaying the intervals so far, and kept up to date from then on. Most tracks of a room trace (goroutines
 * that send once) never need one.
 */
final class IntervalIndex implements TrackIntervals {
    static final int CHECKPOINT = 64;
    /**
     * Chunks of a page (1,024 entries): the chunk a vector fills stays on the heap, one per vector of every busy
     * track, so that is what a paging store keeps per track (docs/trace-store.md, "Paging").
     */
    private static final int PAGE_INTS = 10;

    private final Intervals intervals;
    /** Entries kept in the index itself, so that a short track (most goroutines') is one small array. */
    private static final int INLINE = 4;

    // The first INLINE entries, as fields rather than an array: a room creates an index for every goroutine (most
    // have two intervals), and one object instead of two halves the allocations of its busiest path. Plain ints:
    // like an array slot, an entry a reader cannot see yet reads as 0.
    private int e0;
    private int e1;
    private int e2;
    private int e3;
    /** The entries after the first {@value #INLINE}; created when needed, before the row that needs it is published. */
    private volatile IntVector more;
    /** The number of entries; written after each entry, read racily by readers as an upper bound. */
    private int size;
    /** Created with the second checkpoint, so a short track has none; published like the pyramid. */
    private volatile Checkpoints checkpoints;
    private final int bucketShift;
    private volatile SummaryPyramid pyramid; // null while the track has few intervals
    // Writer only: intervals that may still be active, for the next checkpoint. Null until the first checkpoint
    // needs it (then every entry so far may be), so that the many short tracks never keep one.
    private int[] live;
    private int liveSize;
    private boolean retired; // writer only

    /** Whether {@link #retire} was called: the track takes no more intervals. Writer only. */
    boolean retired() {
        return retired;
    }

    IntervalIndex(Intervals intervals, int bucketShift) {
        this.intervals = intervals;
        this.bucketShift = bucketShift;
    }

    @Override
    public SummaryPyramid pyramid() {
        return pyramid;
    }

    // ---- writer ----

    /** Adds the interval starting at row {@code id}; it stays active until {@link #close}. */
    void open(int id, long start, IntervalKind kind) {
        add(id, start);
        SummaryPyramid p = pyramid;
        if (p != null) {
            p.advance(start);
            p.open(kind);
        } else if (size > CompactTracks.MAX_INTERVALS) {
            buildPyramid();
        }
    }

    /** Adds an interval whose end is already known (a sleep). */
    void openUntil(int id, long start, long end, IntervalKind kind) {
        add(id, start);
        SummaryPyramid p = pyramid;
        if (p != null) {
            p.advance(start);
            p.openUntil(kind, end);
        } else if (size > CompactTracks.MAX_INTERVALS) {
            buildPyramid();
        }
    }

    void close(long end, IntervalKind kind) {
        SummaryPyramid p = pyramid;
        if (p != null) {
            p.advance(end);
            p.close(kind);
        }
    }

    /**
     * Adds the intervals of {@code from} (a track retired before a malformed trace gave it more rows) as if they
     * had been opened and closed here, in time order.
     */
    void reload(TrackIntervals from) {
        for (int i = 0; i < from.count(Integer.MAX_VALUE); i++) {
            int id = from.id(i);
            add(id, intervals.start(id));
        }
        if (size > CompactTracks.MAX_INTERVALS) {
            buildPyramid();
        }
    }

    /** Replays the intervals so far, starts and known ends in time order, into a new pyramid, then publishes it. */
    private void buildPyramid() {
        int n = size;
        long[] points = new long[2 * n]; // sorted by (time, end before start, id); see below
        long[] times = new long[2 * n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            int id = id(i);
            times[m] = intervals.start(id);
            points[m++] = (long) i << 1 | 1;
            long end = intervals.end(id, Integer.MAX_VALUE);
            if (end != Intervals.OPEN && intervals.kind(id) != IntervalKind.SLEEPING) { // a sleep ends itself
                times[m] = end;
                points[m++] = (long) i << 1;
            }
        }
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            order[k] = k;
        }
        final long[] t = times;
        final long[] pt = points;
        Arrays.sort(order, (x, y) -> t[x] != t[y] ? Long.compare(t[x], t[y])
                : Long.compare(pt[x] & 1, pt[y] & 1) != 0 ? Long.compare(pt[x] & 1, pt[y] & 1)
                : Long.compare(pt[x], pt[y]));
        SummaryPyramid p = new SummaryPyramid(bucketShift, SummaryPyramid.SPLIT, intervals.spill());
        for (int k : order) {
            int id = id((int) (points[k] >>> 1));
            IntervalKind kind = intervals.kind(id);
            p.advance(times[k]);
            if ((points[k] & 1) == 0) {
                p.close(kind);
            } else if (kind == IntervalKind.SLEEPING) {
                p.openUntil(kind, intervals.end(id, Integer.MAX_VALUE));
            } else {
                p.open(kind);
            }
        }
        pyramid = p; // volatile: publishes the replayed pyramid
    }

    /**
     * Drops the writer's state: the summary sweep and the scratch list of possibly active intervals, down to those
     * active after {@code t}; for a goroutine's track at its exit, after which it gains no interval.
     */
    void retire(long t) {
        retired = true;
        if (pyramid != null) {
            pyramid.retire();
        }
        trimLive(t);
    }

    /** Like {@link #retire}, for a track that is about to be dropped (compacted): keeps no scratch state at all. */
    void retireForGood() {
        retired = true;
        if (pyramid != null) {
            pyramid.retire();
        }
        live = null;
        liveSize = 0;
    }

    private void trimLive(long t) {
        materializeLive();
        int kept = 0;
        for (int i = 0; i < liveSize; i++) {
            if (intervals.end(live[i], Integer.MAX_VALUE) > t) {
                live[kept++] = live[i];
            }
        }
        liveSize = kept;
        live = Arrays.copyOf(live, Math.max(kept, 1));
    }

    private void add(int id, long start) {
        int n = size;
        if (n % CHECKPOINT == 0 && n > 0) {
            writeCheckpoint(start);
        }
        if (size < INLINE) {
            setInline(size, id + 1);
        } else {
            IntVector m = more;
            if (m == null) {
                m = more = new IntVector(PAGE_INTS, intervals.spill());
            }
            m.add(id + 1);
        }
        size++;
        if (live != null) {
            if (liveSize == live.length) {
                live = Arrays.copyOf(live, Math.max(4, liveSize * 2));
            }
            live[liveSize++] = id;
        }
    }

    private int inline(int i) {
        return switch (i) {
            case 0 -> e0;
            case 1 -> e1;
            case 2 -> e2;
            default -> e3;
        };
    }

    private void setInline(int i, int entry) {
        switch (i) {
            case 0 -> e0 = entry;
            case 1 -> e1 = entry;
            case 2 -> e2 = entry;
            default -> e3 = entry;
        }
    }

    private void materializeLive() {
        if (live == null) {
            int n = size;
            live = new int[Math.max(4, n)];
            for (int i = 0; i < n; i++) {
                live[i] = id(i);
            }
            liveSize = n;
        }
    }

    private void writeCheckpoint(long start) {
        materializeLive();
        int[] ids = live;
        int kept = 0;
        for (int i = 0; i < liveSize; i++) {
            if (intervals.end(ids[i], Integer.MAX_VALUE) > start) {
                ids[kept++] = ids[i];
            }
        }
        liveSize = kept;
        Checkpoints c = checkpoints;
        if (c == null) {
            c = checkpoints = new Checkpoints(intervals.spill()); // volatile: published before the row of the entry it serves
        }
        c.starts.add(c.data.size());
        c.data.add(kept);
        for (int i = 0; i < kept; i++) {
            c.data.add(ids[i]);
        }
    }

    // ---- readers ----

    @Override
    public int count(int limit) {
        int lo = 0;
        int hi = size; // a racy read; may count slots this thread cannot see, which the search skips
        int last = hi > 0 ? entryOr0(hi - 1) : 0;
        if (last != 0 && last - 1 < limit) {
            return hi; // ids ascend: the reader sees the whole track (a finished one, or a view taken after it)
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int e = entryOr0(mid);
            if (e != 0 && e - 1 < limit) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int id(int index) {
        return (index < INLINE ? inline(index) : more.get(index - INLINE)) - 1;
    }

    /** Entry {@code i}, or 0 if this thread cannot see it yet. */
    private int entryOr0(int i) {
        if (i < INLINE) {
            return inline(i);
        }
        IntVector m = more;
        return m == null ? 0 : m.getOr(i - INLINE, 0);
    }

    /** The first index in [0, n) whose interval starts at or after {@code t}. */
    int firstStartingAtOrAfter(long t, int n) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (intervals.start(id(mid)) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public void overlapping(long t0, long t1, int limit, IntList out) {
        int n = count(limit);
        int lo = firstStartingAtOrAfter(t0, n);
        int hi = Math.max(lo, firstStartingAtOrAfter(t1, n));
        if (lo > 0) {
            int checkpoint = (lo - 1) / CHECKPOINT;
            if (checkpoint > 0) { // checkpoint 0 is empty and not stored
                Checkpoints c = checkpoints;
                int at = c.starts.get(checkpoint - 1);
                int active = c.data.get(at);
                for (int i = 1; i <= active; i++) {
                    addIfEndsAfter(c.data.get(at + i), t0, limit, out);
                }
            }
            for (int i = checkpoint * CHECKPOINT; i < lo; i++) {
                addIfEndsAfter(id(i), t0, limit, out);
            }
        }
        for (int i = lo; i < hi; i++) {
            out.add(id(i));
        }
    }

    /** The stored checkpoints: the position of each in {@code data}, and there its count and ids. */
    private static final class Checkpoints {
        final IntVector starts;
        final IntVector data;

        Checkpoints(ChunkSpill spill) {
            starts = new IntVector(PAGE_INTS, spill);
            data = new IntVector(PAGE_INTS, spill);
        }
    }

    private void addIfEndsAfter(int id, long t0, int limit, IntList out) {
        if (intervals.end(id, limit) > t0) {
            out.add(id);
        }
    }
}
