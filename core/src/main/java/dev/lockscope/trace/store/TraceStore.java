package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;
import static dev.lockscope.trace.store.EventTable.fitsInt;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
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
 *
 * <p><b>Memory.</b> About 21 bytes of columns per row (time ~4, type 1, g/a/b/c 4 each), 4 more for a row that
 * starts an interval a later row ends, plus 4 bytes per track an interval belongs to, checkpoints (about 1/64 of
 * that) and summary buckets where a track is busy. A finished goroutine with few intervals is stored compactly.
 * Values that do not fit a column (alerts, commands, lock names, messages or durations beyond 2<sup>31</sup>)
 * keep their event object in a side list. A 10-million-event room trace takes about 30 bytes per event; see
 * docs/trace-store.md.
 *
 * <p><b>Input.</b> Times must not decrease ({@link IllegalArgumentException} otherwise: intervals depend on
 * it). Events that pair with nothing (a {@code Release} without a hold) are stored, and counted by
 * {@link TraceView#unmatched()}.
 */
public final class TraceStore implements EventSink {
    /** Base summary buckets of 2<sup>20</sup> ns, about a millisecond. */
    public static final int DEFAULT_BUCKET_SHIFT = 20;

    private final EventTable table = new EventTable();
    private final Intervals intervals = new Intervals(table);
    private final TrackTable tracks;
    private final IntervalRecorder recorder;
    private volatile int published;
    private long lastTime = Long.MIN_VALUE;

    public TraceStore() {
        this(DEFAULT_BUCKET_SHIFT);
    }

    /**
     * @param bucketShift log2 of the base summary bucket in ns, 0..40: the finest resolution at which
     *                    {@link TraceView#summarize} answers in bounded time. Summaries store fine buckets only
     *                    where more than 64 intervals of a track start in a coarser one, so the default suits
     *                    sparse and busy traces alike.
     */
    public TraceStore(int bucketShift) {
        if (bucketShift < 0 || bucketShift > 40) {
            throw new IllegalArgumentException("bucketShift must be in 0..40: " + bucketShift);
        }
        this.tracks = new TrackTable(intervals, bucketShift);
        this.recorder = new IntervalRecorder(table, intervals, tracks);
    }

    /** Appends one event; simulation thread only. */
    @Override
    public void accept(TraceEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.time() < lastTime) {
            throw new IllegalArgumentException("event time " + event.time() + " is before the previous " + lastTime + ": " + event);
        }
        lastTime = event.time();
        int row = encode(event);
        recorder.onRow(row, event);
        published = row + 1; // volatile: publishes the row, its links and its intervals
    }

    /** A consistent snapshot of everything appended so far; any thread. */
    public TraceView view() {
        int n = published;
        return new TraceView(table, intervals, tracks, n, recorder.unmatched());
    }

    /** The number of published rows. */
    public int size() {
        return published;
    }

    private int encode(TraceEvent e) {
        long t = e.time();
        EventTable x = table;
        return switch (e) {
            case TraceEvent.Spawn s -> x.append(t, EventType.SPAWN, false, s.g(), x.spawnShapes.intern(SpawnShape.of(s.name(), s.kind())),
                    s.parent(), SpawnShape.number(s.name()));
            case TraceEvent.Exit s -> x.append(t, EventType.EXIT, false, s.g(), NONE, NONE, NONE);
            case TraceEvent.LockCreated s -> x.append(t, EventType.LOCK_CREATED, true, NONE, s.lock(), NONE, x.side.add(s));
            case TraceEvent.Request s -> x.append(t, EventType.REQUEST, false, s.g(), s.lock(), x.siteAndMode(s.site(), s.mode()), NONE);
            case TraceEvent.Acquire s -> x.append(t, EventType.ACQUIRE, false, s.g(), s.lock(), x.siteAndMode(s.site(), s.mode()), NONE);
            case TraceEvent.Release s -> x.append(t, EventType.RELEASE, false, s.g(), s.lock(), x.siteAndMode(s.site(), s.mode()), NONE);
            case TraceEvent.Blocked s -> x.append(t, EventType.BLOCKED, false, s.g(), s.lock(), x.blockerSets.intern(s.blockers()), NONE);
            case TraceEvent.Park s -> x.append(t, EventType.PARK, false, s.g(), NONE, x.sites.intern(s.site()), NONE);
            case TraceEvent.Sleep s -> fitsInt(s.durationNs())
                    ? x.append(t, EventType.SLEEP, false, s.g(), NONE, x.sites.intern(s.site()), (int) s.durationNs())
                    : x.append(t, EventType.SLEEP, true, s.g(), NONE, NONE, x.side.add(s));
            case TraceEvent.SendStart s -> {
                int target = x.targets.intern(new EventTable.Target(x.members.intern(s.member()), x.sites.intern(s.site())));
                yield fitsInt(s.msg()) && fitsInt(s.durationNs())
                        ? x.append(t, EventType.SEND_START, false, s.g(), target, (int) s.msg(), (int) s.durationNs())
                        : x.append(t, EventType.SEND_START, true, s.g(), target, NONE, x.side.add(s));
            }
            case TraceEvent.Deliver s -> fitsInt(s.msg()) && fitsInt(s.latencyNs())
                    ? x.append(t, EventType.DELIVER, false, s.g(), x.members.intern(s.member()), (int) s.msg(), (int) s.latencyNs())
                    : x.append(t, EventType.DELIVER, true, s.g(), x.members.intern(s.member()), NONE, x.side.add(s));
            case TraceEvent.Drop s -> fitsInt(s.msg())
                    ? x.append(t, EventType.DROP, false, NONE, x.members.intern(s.member()), (int) s.msg(), NONE)
                    : x.append(t, EventType.DROP, true, NONE, x.members.intern(s.member()), NONE, x.side.add(s));
            case TraceEvent.MemberEvent s -> x.append(t, EventType.MEMBER, false, NONE, x.members.intern(s.member()), s.change().ordinal(), NONE);
            case TraceEvent.CommandApplied s -> x.append(t, EventType.COMMAND, true, NONE, NONE, NONE, x.side.add(s));
            case TraceEvent.Alert s -> x.append(t, EventType.ALERT, true, NONE, NONE, NONE, x.side.add(s));
            case TraceEvent.End s -> x.append(t, EventType.END, false, NONE, NONE, NONE, NONE);
        };
    }
}
