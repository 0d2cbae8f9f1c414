package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
/**
 * An immutable snapshot of a {@link TraceStore}: its first {@link #size()} rows and the intervals they
 * derive. Safe to use from any thread, at the same time as the store keeps growing.
 *
 * <p><b>Rows</b> are numbered from 0 in arrival order. The typed accessors read one column each and do not
 * allocate; {@link #event} rebuilds the whole event and is meant for tooltips and export.
 *
 * <p><b>Intervals</b> are half-open [start, end). An interval's id is the row that starts it, so ids are
 * ordered by start time. An interval not ended within this view has {@code end == }{@link #OPEN}; for
 * summaries it counts up to {@link #now()}. A sleep's end is known from its start.
 *
 * <p><b>Costs.</b> {@link #overlapping}: O(log n + k) for k results (plus a bounded number of intervals
 * examined at a checkpoint, see {@link IntervalIndex}). {@link #summarize}: O(pixels &middot; log of the time
 * span) whatever the number of events in the window. {@link #blockedBy}: O(changes of the wait's blockers).
 */
public final class TraceView {
    /** The end of an interval that has not ended in this view. */
    public static final long OPEN = Intervals.OPEN;

    private final EventTable table;
    private final Intervals intervals;
    private final TrackTable tracks;
    private final int size;
    private final long unmatched;
    private final long now;

    TraceView(EventTable table, Intervals intervals, TrackTable tracks, int size, long unmatched) {
        this.table = table;
        this.intervals = intervals;
        this.tracks = tracks;
        this.size = size;
        this.unmatched = unmatched;
        this.now = size == 0 ? 0 : table.time.get(size - 1);
    }

    /** The number of rows in this view. */
    public int size() {
        return size;
    }

    /** The time of the last row, or 0 if there is none: where open intervals end for summaries. */
    public long now() {
        return now;
    }

    /** Rows that ended or continued nothing (a Release without a hold, ...), as counted when the view was taken or later. */
    public long unmatched() {
        return unmatched;
    }

    // ---- rows ----

    public long time(int row) {
        return table.time.get(check(row));
    }

    public EventType type(int row) {
        return table.type(check(row));
    }

    /** The goroutine of the row, or -1 for rows that have none. */
    public int goroutine(int row) {
        return table.g.get(check(row));
    }

    /** The lock of a lock row ({@code Request}, {@code Acquire}, {@code Release}, {@code Blocked}, {@code LockCreated}). */
    public int lock(int row) {
        return switch (type(row)) {
            case REQUEST, ACQUIRE, RELEASE, BLOCKED, LOCK_CREATED -> table.a.get(row);
            default -> NONE;
        };
    }

    /**
     * The primitive of a primitive row: a {@code PrimCreated}, {@code Wake} or {@code Act} row's, the first of a
     * {@code PrimWait} row's (-1 for a wait on nothing), or -1.
     */
    public int prim(int row) {
        return switch (type(row)) {
            case PRIM_CREATED, WAKE, ACT, ACT_BUFFER -> table.a.get(row);
            case PRIM_WAIT -> table.firstPrim(row);
            default -> NONE;
        };
    }

    /** The primitives a {@code PrimWait} row waits on, in case order (empty: a wait that never ends). */
    public List<Integer> prims(int row) {
        requireType(row, EventType.PRIM_WAIT);
        return table.blockerSets.value(table.a.get(row));
    }

    /** The op of a {@code PrimWait} row. */
    public dev.lockscope.model.WaitOp waitOp(int row) {
        requireType(row, EventType.PRIM_WAIT);
        return table.waitOp(row);
    }

    /** The op of an {@code Act} row ({@code ACT} or {@code ACT_BUFFER}), or {@code null}. */
    public dev.lockscope.model.PrimOp primOp(int row) {
        return switch (type(row)) {
            case ACT, ACT_BUFFER -> table.primOp(row);
            default -> null;
        };
    }

    /**
     * The {@code n} of an {@code Act} row: a channel's buffer length after it, a WaitGroup's counter, ...
     * (docs/trace-format.md).
     */
    public long actCount(int row) {
        EventType t = type(row);
        if (t != EventType.ACT && t != EventType.ACT_BUFFER) {
            throw new IllegalArgumentException("row " + row + " is " + t + ", not an act");
        }
        return table.wide(row) ? ((TraceEvent.Act) table.side.get(table.c.get(row))).n() : table.c.get(row);
    }

    /** The mode of a {@code Request}, {@code Acquire} or {@code Release} row. */
    public Mode mode(int row) {
        return switch (type(row)) {
            case REQUEST, ACQUIRE, RELEASE -> table.mode(row);
            default -> null;
        };
    }

    /** The site of the row, or {@code null}. */
    public Site site(int row) {
        return table.site(check(row));
    }

    /** The member id of a send, delivery, drop or member row, or -1. */
    public int member(int row) {
        return switch (type(row)) {
            case SEND_START, DELIVER, DROP, MEMBER -> table.member(row);
            default -> NONE;
        };
    }

    /** The kind of goroutine a {@code Spawn} row starts ({@code Broadcast}, {@code Send}, ...); no allocation. */
    public String spawnKind(int row) {
        requireType(row, EventType.SPAWN);
        return table.spawnShapes.value(table.a.get(row)).kind();
    }

    /** The name of the goroutine a {@code Spawn} row starts; allocates only for a numbered name ({@code Broadcast#17}). */
    public String spawnName(int row) {
        requireType(row, EventType.SPAWN);
        return table.spawnShapes.value(table.a.get(row)).name(table.c.get(row));
    }

    /**
     * The row of goroutine {@code g}'s {@code Spawn}, or -1 if this view has none (another producer's goroutine, or
     * a spawn not yet in view): the first interval of a goroutine's track is the running one its spawn opened.
     */
    public int spawnRow(int g) {
        TrackIntervals index = tracks.get(Track.goroutine(g));
        if (index == null || index.count(size) == 0) {
            return NONE;
        }
        int first = index.id(0);
        return table.type(first) == EventType.SPAWN ? first : NONE;
    }

    /** The first {@code PrimCreated} event of primitive {@code prim} in this view, or {@code null}. */
    public TraceEvent.PrimCreated primCreated(int prim) {
        int row = prim < 0 ? -1 : table.primRows.get(prim) - 1;
        return row < 0 || row >= size ? null : (TraceEvent.PrimCreated) event(row);
    }

    private void requireType(int row, EventType expected) {
        if (type(row) != expected) {
            throw new IllegalArgumentException("row " + row + " is " + type(row) + ", not " + expected);
        }
    }

    /** The event of a row, rebuilt; allocates. */
    public TraceEvent event(int row) {
        return new EventDecoder(table).decode(check(row));
    }

    // ---- members ----

    /** The id of a member seen in this view, or -1. */
    public int memberId(String name) {
        Objects.requireNonNull(name, "name");
        for (int id = 0; ; id++) { // members are few; the writer's map is not ours to read
            String m = table.members.value(id);
            if (m == null) {
                return NONE;
            }
            if (m.equals(name)) {
                return id;
            }
        }
    }

    public String memberName(int member) {
        return table.members.value(member);
    }

    // ---- intervals ----

    /** The ids of the intervals of {@code track} overlapping [t0, t1), in start order; see {@link IntervalIndex#overlapping}. */
    public int[] overlapping(Track track, long t0, long t1) {
        if (t1 < t0) {
            throw new IllegalArgumentException("t1 < t0: " + t1 + " < " + t0);
        }
        TrackIntervals index = tracks.get(track);
        if (index == null) {
            return new int[0];
        }
        IntList out = new IntList();
        index.overlapping(t0, t1, size, out);
        return out.toArray();
    }

    /** The number of intervals of {@code track} in this view. */
    public int intervalCount(Track track) {
        TrackIntervals index = tracks.get(track);
        return index == null ? 0 : index.count(size);
    }

    /**
     * The number of intervals of {@code track} that start in [t0, t1), in O(log n) whatever the count: lets a
     * reader decide between drawing a window's intervals one by one and drawing its {@link #summarize summary}.
     */
    public int countStarting(Track track, long t0, long t1) {
        if (t1 < t0) {
            throw new IllegalArgumentException("t1 < t0: " + t1 + " < " + t0);
        }
        TrackIntervals index = tracks.get(track);
        if (index == null) {
            return 0;
        }
        int n = index.count(size);
        return firstStartingAtOrAfter(index, t1, n) - firstStartingAtOrAfter(index, t0, n);
    }

    /** The first position in [0, n) of {@code index} whose interval starts at or after {@code t}. */
    private int firstStartingAtOrAfter(TrackIntervals index, long t, int n) {
        // The ends first: a window that holds a whole goroutine (the common case) needs no search.
        if (n == 0 || intervals.start(index.id(0)) >= t) {
            return 0;
        }
        if (intervals.start(index.id(n - 1)) < t) {
            return n;
        }
        int lo = 1;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (intervals.start(index.id(mid)) < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public long start(int interval) {
        return intervals.start(checkInterval(interval));
    }

    /** The end, or {@link #OPEN}. */
    public long end(int interval) {
        return intervals.end(checkInterval(interval), size);
    }

    /** The end, or the view's {@link #now} for an interval still open: how far it has lasted so far. */
    public long endOrNow(int interval) {
        long end = end(interval);
        return end == OPEN ? now : end;
    }

    public IntervalKind kind(int interval) {
        return intervals.kind(checkInterval(interval));
    }

    public int intervalGoroutine(int interval) {
        return table.g.get(checkInterval(interval));
    }

    /** The lock of a wait or hold, or -1. */
    public int intervalLock(int interval) {
        return lock(checkInterval(interval));
    }

    /**
     * The primitive of a wait on primitives (the first it waits on) or of a buffered value (its channel), or -1.
     */
    public int intervalPrim(int interval) {
        int id = checkInterval(interval);
        return switch (table.type(id)) {
            case PRIM_WAIT -> table.firstPrim(id);
            case ACT_BUFFER -> table.a.get(id);
            default -> NONE;
        };
    }

    /** The member of a send, or -1. */
    public int intervalMember(int interval) {
        return member(checkInterval(interval));
    }

    /** The wait that preceded a hold (its {@code Request} row), or -1 if there was none. */
    public int waitOf(int hold) {
        if (!kind(hold).isHold()) {
            throw new IllegalArgumentException("interval " + hold + " is not a hold but " + kind(hold));
        }
        return EventTable.visible(table.c.get(hold), size);
    }

    /**
     * The goroutines the wait {@code waitId} (for a lock, or on primitives) was blocked by at time {@code t}, as
     * emitted; empty outside the wait or before its first {@code Blocked} row. For a wait on primitives these are
     * who could complete it, and 0 is a pending timer.
     */
    public List<Integer> blockedBy(int waitId, long t) {
        int row = lastBlockedRow(waitId, t);
        return row == NONE ? List.of() : table.blockerSets.value(table.b.get(row));
    }

    /** The changes of a wait's blockers: the times of its {@code Blocked} rows in this view. */
    public long[] blockerChangeTimes(int waitId) {
        requireWait(waitId);
        LongListing out = new LongListing();
        for (int r = next(waitId); r != NONE; r = next(r)) {
            out.add(table.time.get(r));
        }
        return out.toArray();
    }

    /**
     * Follows the wait's blockers at time {@code t} through the waits they were in at {@code t}, until it
     * reaches goroutines that were not waiting. Each goroutine is visited once, so cycles end.
     */
    public BlockerChain blockerChain(int waitId, long t) {
        requireWait(waitId);
        List<BlockerChain.Edge> edges = new ArrayList<>();
        List<Integer> roots = new ArrayList<>();
        Set<Integer> seen = new HashSet<>(); // goroutine ids may be huge: no bit set sized by one
        seen.add(table.g.get(waitId));
        ArrayDeque<Integer> waits = new ArrayDeque<>();
        waits.add(waitId);
        while (!waits.isEmpty()) {
            int wait = waits.poll();
            int waiter = table.g.get(wait);
            for (int blocker : blockedBy(wait, t)) {
                if (blocker == 0) {
                    continue; // a pending timer: no goroutine to follow
                }
                edges.add(new BlockerChain.Edge(wait, waiter, blocker));
                if (seen.add(blocker)) {
                    int next = waitAt(blocker, t);
                    if (next == NONE) {
                        roots.add(blocker);
                    } else {
                        waits.add(next);
                    }
                }
            }
        }
        roots.sort(null);
        return new BlockerChain(waitId, t, edges, roots);
    }

    /** The wait (for a lock, or on primitives) goroutine {@code g} was in at time {@code t}, or -1. */
    public int waitAt(int g, long t) {
        for (int id : overlapping(Track.goroutine(g), t, t + 1)) {
            if (intervals.kind(id).isWait() && intervals.start(id) <= t && intervals.end(id, size) > t) {
                return id;
            }
        }
        return NONE;
    }

    /**
     * The width of the summaries' base buckets in ns. The store keeps summaries of buckets of this width times
     * 4<sup>k</sup>, aligned to multiples of their width; a {@link #summarize summary} whose pixels are such buckets
     * (t0 and t1 multiples of the width, one pixel per bucket) reads the kept buckets whole, which is the cheapest.
     */
    public long bucketWidth() {
        return tracks.bucketWidth();
    }

    /**
     * A per-pixel summary of a track over [t0, t1); see {@link RowSummary} for the exact ranges. Costs
     * O(pixels &middot; log(t1 - t0)) bucket reads plus the intervals in the track's last, unfinished bucket.
     */
    public RowSummary summarize(Track track, long t0, long t1, int pixels) {
        return summarize(track, t0, t1, pixels, new SummaryScratch());
    }

    /**
     * {@link #summarize(Track, long, long, int)}, with the working memory of {@code scratch}: for a reader that
     * summarises many tracks in a row, so that each query does not allocate and grow its buffers again. The
     * summary's arrays are the scratch's: the scratch's next query overwrites them.
     */
    public RowSummary summarize(Track track, long t0, long t1, int pixels, SummaryScratch scratch) {
        if (pixels <= 0) {
            throw new IllegalArgumentException("pixels must be > 0: " + pixels);
        }
        if (t1 <= t0) {
            throw new IllegalArgumentException("t1 must be > t0: " + t1 + " <= " + t0);
        }
        return new Summarizer(intervals, size, now, scratch).summarize(tracks.get(track), tracks.bucketWidth(), t0, t1, pixels);
    }

    // ---- helpers ----

    private int lastBlockedRow(int waitId, long t) {
        requireWait(waitId);
        if (t < intervals.start(waitId) || t >= intervals.end(waitId, size)) {
            return NONE;
        }
        int last = NONE;
        for (int r = next(waitId); r != NONE && table.time.get(r) <= t; r = next(r)) {
            last = r;
        }
        return last;
    }

    /** The next Blocked row after a Request or Blocked row, within this view. */
    private int next(int row) {
        return EventTable.visible(table.c.get(row), size);
    }

    private void requireWait(int id) {
        if (!kind(id).isWait()) {
            throw new IllegalArgumentException("interval " + id + " is not a wait but " + kind(id));
        }
    }

    private int check(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " is outside the view of " + size + " rows");
        }
        return row;
    }

    private int checkInterval(int id) {
        check(id);
        if (!table.type(id).startsInterval()) {
            throw new IllegalArgumentException("row " + id + " starts no interval: " + table.type(id));
        }
        return id;
    }

    /** A tiny growable long array. */
    private static final class LongListing {
        private long[] values = new long[4];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
