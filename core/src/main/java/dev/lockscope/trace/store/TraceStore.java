package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;
import static dev.lockscope.trace.store.EventTable.fitsInt;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.nio.file.Path;
import java.util.Objects;
/**
 * The in-memory trace of a run: events in primitive columns and the intervals derived from them, appended
 * by the simulation and read concurrently through {@link TraceView} snapshots.
 *
 * <p><b>Threads.</b> Exactly one thread calls {@link #accept} (the simulation). Any number of threads call
 * {@link #view()} and use the views they get, without locks: a view sees exactly the first {@code size()}
 * rows that were published when it was taken, and the intervals, links and summaries as they were when those
 * rows were appended (later links read as open).
 *
 * <p><b>Publication.</b> {@code accept} writes the row's columns, derives its intervals (patching the links of
 * earlier rows), and only then stores the new row count in a volatile field. A reader reads that field first
 * and never looks past it, so everything it reads was written before the volatile write it synchronised with.
 * Inside {@link #appendBatch} (bulk loading) the count is stored once, after the batch's last row: the same
 * rule, with fewer and larger steps.
 *
 * <p><b>Memory.</b> About 21 bytes of columns per row (time ~4, type 1, g/a/b/c 4 each), 4 more for a row that
 * starts an interval a later row ends, plus 4 bytes per track an interval belongs to, checkpoints (about 1/64 of
 * that) and summary buckets where a track is busy. A finished goroutine with few intervals is stored compactly.
 * Alerts are deflated in blocks ({@code AlertStore}); values that do not fit a column (commands, lock names,
 * messages or durations beyond 2<sup>31</sup>) keep their event object in a side list. A 10-million-event room
 * trace takes about 30 bytes per event, alert-heavy or not; see
 * docs/trace-store.md.
 *
 * <p><b>Bulk loading.</b> The {@code append...} methods store the common events from their fields, without an
 * event object: {@code appendX(t, ...)} is exactly {@code accept(new TraceEvent.X(t, ...))}. They are for
 * {@code TraceReader.load}, and follow the same rules (writer thread only, times must not decrease).
 *
 * <p><b>Paging.</b> Unless made with {@link #onHeap}, a store keeps at most {@link #HEAP_BUDGET_BYTES} of full chunks on the
 * heap, then only the chunks being filled: every later full chunk of its columns, tracks and summaries (2<sup>16</sup> rows of a column, 2<sup>12</sup> entries of a
 * track) is copied to a memory-mapped temporary file in the paging folder (by default the system's temporary
 * folder), unlinked at once, and read from there; the operating system pages it in when a reader touches it. So
 * the heap a store needs grows with its tracks and distinct values, not with its rows (docs/trace-store.md,
 * "Paging"). {@link #memory()} reports both sides. If the folder cannot take more, the store keeps its chunks on
 * the heap from then on and says why in {@link Memory#pagingFailure()}.
 *
 * <p><b>Input.</b> Times must not decrease ({@link IllegalArgumentException} otherwise: intervals depend on
 * it). Events that pair with nothing (a {@code Release} without a hold) are stored, and counted by
 * {@link TraceView#unmatched()}.
 */
public final class TraceStore implements EventSink {
    /** Base summary buckets of 2<sup>20</sup> ns, about a millisecond. */
    public static final int DEFAULT_BUCKET_SHIFT = 20;
    /** Heap a paging store fills with chunks before it starts paging them: a million-event trace stays on the heap. */
    public static final long HEAP_BUDGET_BYTES = 64L << 20;

    private final ChunkSpill spill;
    private final EventTable table;
    private final Intervals intervals;
    private final TrackTable tracks;
    private final IntervalRecorder recorder;
    private volatile int published;
    /**
     * The alerts whose row index entries are written; stored before the row count, so a reader that read the row
     * count first and this second may read every entry below it (some may be of rows past its view).
     */
    private volatile int alertsPublished;
    /** Writer only: the rows appended completely, published at once after each append or at the end of a batch. */
    private int appended;
    /** Writer only: inside {@link #appendBatch}. */
    private boolean batching;
    private long lastTime = Long.MIN_VALUE;

    /** What a store holds where: see {@link TraceStore#memory()}. */
    public record Memory(long heapChunkBytes, long mappedBytes, long spilledChunks, String pagingFailure) {}

    /** A store with the default buckets, paging to the system's temporary folder. */
    public TraceStore() {
        this(DEFAULT_BUCKET_SHIFT);
    }

    /** A store that keeps everything on the heap (small traces, tests, benchmarks of the heap alone). */
    public static TraceStore onHeap(int bucketShift) {
        return new TraceStore(bucketShift, null);
    }

    /**
     * @param bucketShift log2 of the base summary bucket in ns, 0..40: the finest resolution at which
     *                    {@link TraceView#summarize} answers in bounded time. Summaries store fine buckets only
     *                    where more than 64 intervals of a track start in a coarser one, so the default suits
     *                    sparse and busy traces alike.
     */
    public TraceStore(int bucketShift) {
        this(bucketShift, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /**
     * @param bucketShift  as in {@link #TraceStore(int)}
     * @param pagingFolder where full chunks are paged to (files unlinked at once); {@code null}: keep all on the heap
     */
    public TraceStore(int bucketShift, Path pagingFolder) {
        this(bucketShift, pagingFolder, HEAP_BUDGET_BYTES);
    }

    /**
     * @param bucketShift     as in {@link #TraceStore(int)}
     * @param pagingFolder    as in {@link #TraceStore(int, Path)}
     * @param heapBudgetBytes heap filled with full chunks before paging starts (0: page every full chunk at once)
     */
    public TraceStore(int bucketShift, Path pagingFolder, long heapBudgetBytes) {
        if (bucketShift < 0 || bucketShift > 40) {
            throw new IllegalArgumentException("bucketShift must be in 0..40: " + bucketShift);
        }
        this.spill = new ChunkSpill(pagingFolder, heapBudgetBytes);
        this.table = new EventTable(spill);
        this.intervals = new Intervals(table);
        this.tracks = new TrackTable(intervals, bucketShift);
        this.recorder = new IntervalRecorder(table, tracks);
    }

    /** Appends one event; simulation thread only. */
    @Override
    public void accept(TraceEvent event) {
        Objects.requireNonNull(event, "event");
        checkTime(event.time(), event); // here, so that the message shows the whole event
        // The events a room has most of, here; the others apart, so that this stays small enough for the compiler
        // to inline into a caller that made the event (which then knows its type). The cases are tried in order.
        switch (event) {
            case TraceEvent.SendStart s -> appendSend(s.time(), s.g(), s.member(), s.msg(), s.durationNs(), s.site());
            case TraceEvent.Deliver s -> appendDeliver(s.time(), s.g(), s.member(), s.msg(), s.latencyNs());
            case TraceEvent.Spawn s -> appendSpawn(s.time(), s.g(), s.name(), s.kind(), s.parent());
            case TraceEvent.Exit s -> appendExit(s.time(), s.g());
            default -> acceptOther(event);
        }
    }

    private void acceptOther(TraceEvent event) {
        switch (event) {
            case TraceEvent.Request s -> appendRequest(s.time(), s.g(), s.lock(), s.mode(), s.site());
            case TraceEvent.Acquire s -> appendAcquire(s.time(), s.g(), s.lock(), s.mode(), s.site());
            case TraceEvent.Release s -> appendRelease(s.time(), s.g(), s.lock(), s.mode(), s.site());
            case TraceEvent.Blocked s -> {
                int[] ids = s.blockers().stream().mapToInt(Integer::intValue).toArray();
                appendBlocked(s.time(), s.g(), s.lock(), ids, ids.length);
            }
            case TraceEvent.Park s -> appendPark(s.time(), s.g(), s.site());
            case TraceEvent.Sleep s -> appendSleep(s.time(), s.g(), s.durationNs(), s.site());
            case TraceEvent.PrimWait s -> appendPrimWait(s);
            case TraceEvent.Wake s -> appendWake(s.time(), s.g(), s.prim());
            case TraceEvent.Act s -> appendAct(s);
            case TraceEvent.Panic s -> appendPanic(s);
            default -> appendOther(event);
        }
    }

    // The events of channels and sync primitives: rare next to a room's, so they come as objects.

    private void appendPrimWait(TraceEvent.PrimWait w) {
        int n = w.prims().size();
        int[] prims = new int[n];
        for (int i = 0; i < n; i++) {
            prims[i] = w.prims().get(i);
        }
        int row = table.append(w.time(), EventType.PRIM_WAIT, false, w.g(), table.blockerSets.intern(prims, n),
                table.sites.intern(w.site()) << 3 | w.op().ordinal(), NONE);
        recorder.onPrimWait(row, w.time(), w.g(), w.op(), prims, n);
        publish(row);
    }

    private void appendWake(long t, int g, int prim) {
        int row = table.append(t, EventType.WAKE, false, g, prim, NONE, NONE);
        recorder.onWake(row, t, g);
        publish(row);
    }

    private void appendAct(TraceEvent.Act a) {
        EventType type = EventType.of(a);
        int row = fitsInt(a.n())
                ? table.append(a.time(), type, false, a.g(), a.prim(),
                        table.sites.intern(a.site()) << 4 | a.op().ordinal(), (int) a.n())
                : table.append(a.time(), type, true, a.g(), a.prim(), NONE, table.side.add(a));
        recorder.onAct(row, a.time(), a.g(), a.prim(), a.op());
        publish(row);
    }

    private void appendPanic(TraceEvent.Panic p) {
        int row = table.append(p.time(), EventType.PANIC, true, p.g(), NONE, NONE, table.side.add(p));
        recorder.onEvent(row, p.time(), p.g());
        publish(row);
    }

    // The append methods below are accept() without the event object, for bulk loading (TraceReader.load): each
    // appends the row of the event its name and arguments describe, exactly as accept would. Writer thread only.

    /** Appends {@code Spawn(t, g, name, kind, parent)}. */
    public void appendSpawn(long t, int g, String name, String kind, int parent) {
        checkTime(t, name);
        long shape = table.spawnShapes.intern(name, kind);
        int row = table.append(t, EventType.SPAWN, false, g, (int) (shape >>> 32), parent, (int) shape);
        recorder.onSpawn(row, t, g);
        publish(row);
    }

    /** Appends {@code Exit(t, g)}. */
    public void appendExit(long t, int g) {
        checkTime(t, "exit");
        int row = table.append(t, EventType.EXIT, false, g, NONE, NONE, NONE);
        recorder.onExit(row, t, g);
        publish(row);
    }

    /** Appends {@code Request(t, g, lock, mode, site)}. */
    public void appendRequest(long t, int g, int lock, Mode mode, Site site) {
        checkTime(t, site);
        int row = table.append(t, EventType.REQUEST, false, g, lock, table.siteAndMode(site, mode), NONE);
        recorder.onRequest(row, t, g, lock);
        publish(row);
    }

    /** Appends {@code Acquire(t, g, lock, mode, site)}. */
    public void appendAcquire(long t, int g, int lock, Mode mode, Site site) {
        checkTime(t, site);
        int row = table.append(t, EventType.ACQUIRE, false, g, lock, table.siteAndMode(site, mode), NONE);
        recorder.onAcquire(row, t, g, lock, mode == Mode.READ);
        publish(row);
    }

    /** Appends {@code Release(t, g, lock, mode, site)}. */
    public void appendRelease(long t, int g, int lock, Mode mode, Site site) {
        checkTime(t, site);
        int row = table.append(t, EventType.RELEASE, false, g, lock, table.siteAndMode(site, mode), NONE);
        recorder.onRelease(row, t, g, lock, mode == Mode.READ);
        publish(row);
    }

    /** Appends {@code Blocked(t, g, lock, blockers[0, count))}; the array is not kept. */
    public void appendBlocked(long t, int g, int lock, int[] blockers, int count) {
        checkTime(t, "blocked");
        int row = table.append(t, EventType.BLOCKED, false, g, lock, table.blockerSets.intern(blockers, count), NONE);
        recorder.onBlocked(row, t, g, lock);
        publish(row);
    }

    /** Appends {@code Park(t, g, site)}. */
    public void appendPark(long t, int g, Site site) {
        checkTime(t, site);
        int row = table.append(t, EventType.PARK, false, g, NONE, table.sites.intern(site), NONE);
        recorder.onPark(row, t, g);
        publish(row);
    }

    /** Appends {@code Sleep(t, g, durationNs, site)}. */
    public void appendSleep(long t, int g, long durationNs, Site site) {
        checkTime(t, site);
        int row = fitsInt(durationNs)
                ? table.append(t, EventType.SLEEP, false, g, NONE, table.sites.intern(site), (int) durationNs)
                : table.append(t, EventType.SLEEP, true, g, NONE, NONE,
                        table.side.add(new TraceEvent.Sleep(t, g, durationNs, site)));
        recorder.onSleep(row, t, g, durationNs);
        publish(row);
    }

    /** Appends {@code SendStart(t, g, member, msg, durationNs, site)}. */
    public void appendSend(long t, int g, String member, long msg, long durationNs, Site site) {
        checkTime(t, site);
        int memberId = table.members.intern(member);
        int target = table.target(memberId, table.sites.intern(site));
        int row = fitsInt(msg) && fitsInt(durationNs)
                ? table.append(t, EventType.SEND_START, false, g, target, (int) msg, (int) durationNs)
                : table.append(t, EventType.SEND_START, true, g, target, NONE,
                        table.side.add(new TraceEvent.SendStart(t, g, member, msg, durationNs, site)));
        recorder.onSend(row, t, g, member, memberId, msg);
        publish(row);
    }

    /** Appends {@code Deliver(t, g, member, msg, latencyNs)}. */
    public void appendDeliver(long t, int g, String member, long msg, long latencyNs) {
        checkTime(t, member);
        int memberId = table.members.intern(member);
        int row = fitsInt(msg) && fitsInt(latencyNs)
                ? table.append(t, EventType.DELIVER, false, g, memberId, (int) msg, (int) latencyNs)
                : table.append(t, EventType.DELIVER, true, g, memberId, NONE,
                        table.side.add(new TraceEvent.Deliver(t, g, member, msg, latencyNs)));
        recorder.onDeliver(row, t, g, member, msg);
        publish(row);
    }

    /**
     * Rows without a goroutine, and without intervals: locks, primitives, drops, member changes, commands, alerts,
     * Go's deadlock check, the end.
     */
    private void appendOther(TraceEvent event) {
        long t = event.time();
        checkTime(t, event);
        EventTable x = table;
        int row = switch (event) {
            case TraceEvent.LockCreated s -> x.append(t, EventType.LOCK_CREATED, true, NONE, s.lock(), NONE, x.side.add(s));
            case TraceEvent.Drop s -> fitsInt(s.msg())
                    ? x.append(t, EventType.DROP, false, NONE, x.members.intern(s.member()), (int) s.msg(), NONE)
                    : x.append(t, EventType.DROP, true, NONE, x.members.intern(s.member()), NONE, x.side.add(s));
            case TraceEvent.MemberEvent s -> x.append(t, EventType.MEMBER, false, NONE, x.members.intern(s.member()), s.change().ordinal(), NONE);
            case TraceEvent.CommandApplied s -> x.append(t, EventType.COMMAND, true, NONE, NONE, NONE, x.side.add(s));
            case TraceEvent.Alert s -> {
                int alertRow = x.append(t, EventType.ALERT, false, NONE, x.alerts.add(s), NONE, NONE);
                x.alertRows.add(alertRow);
                alertsPublished = x.alertRows.size(); // before the row: a view's alert count is then safe to read
                yield alertRow;
            }
            case TraceEvent.End s -> x.append(t, EventType.END, false, NONE, NONE, NONE, NONE);
            case TraceEvent.PrimCreated s -> {
                int created = x.append(t, EventType.PRIM_CREATED, true, NONE, s.prim(), NONE, x.side.add(s));
                if (s.prim() >= 0 && x.primRows.get(s.prim()) == 0) {
                    x.primRows.set(s.prim(), created + 1); // published with the row count, as the columns are
                }
                yield created;
            }
            case TraceEvent.Asleep s -> x.append(t, EventType.ASLEEP, false, NONE, NONE, NONE, NONE);
            default -> throw new IllegalArgumentException("not an event without a goroutine: " + event);
        };
        recorder.onOther(t);
        publish(row);
    }

    /**
     * Runs {@code appends} (calls of the append methods or {@link #accept}, on the writer thread) and publishes
     * their rows together when it returns: one volatile write instead of one per row, for bulk loading, where
     * readers gain nothing from seeing each row microseconds earlier. Views taken meanwhile see the rows published
     * before, a consistent prefix as always. If {@code appends} throws, the rows it appended completely are
     * published before the exception propagates.
     */
    public void appendBatch(Runnable appends) {
        batching = true;
        try {
            appends.run();
        } finally {
            batching = false;
            published = appended;
        }
    }

    /** Row {@code row} is complete: publishes it (volatile: with its links and intervals), unless in a batch. */
    private void publish(int row) {
        appended = row + 1;
        if (!batching) {
            published = row + 1;
        }
    }

    /**
     * Times must not decrease: intervals depend on it. {@code what} names the event in the message (only built
     * when it fails, so the fast paths pass a field of it).
     */
    private void checkTime(long t, Object what) {
        if (t < lastTime) {
            throw new IllegalArgumentException("event time " + t + " is before the previous " + lastTime + ": " + what);
        }
        lastTime = t;
    }

    /** A consistent snapshot of everything appended so far; any thread. */
    public TraceView view() {
        int n = published;
        return new TraceView(table, intervals, tracks, n, recorder.unmatched(), alertsPublished);
    }

    /**
     * Where the store's vectors keep their chunks: bytes on the heap (chunks being filled, and every chunk of a
     * store that does not page), bytes of mapped files, chunks paged so far. Counts only the chunked vectors (the
     * columns, track entries, checkpoints, summaries, blocker sets): the rest (track objects, dictionaries) is
     * small next to them (docs/trace-store.md, "Paging"). Any thread; racy but never torn.
     */
    public Memory memory() {
        return new Memory(spill.heapBytes(), spill.mappedBytes(), spill.chunks(), spill.failure());
    }

    /** The number of published rows. */
    public int size() {
        return published;
    }
}
