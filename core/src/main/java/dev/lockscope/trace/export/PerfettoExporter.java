package dev.lockscope.trace.export;

import static dev.lockscope.trace.export.Slice.arg;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.InputException;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;

/**
 * Converts a run into Chrome Trace Event JSON, which Perfetto (ui.perfetto.dev) and {@code chrome://tracing} open.
 * The mapping is documented in docs/perfetto-export.md; in short:
 *
 * <ul>
 *   <li>process "Goroutines" (pid 1): one thread per goroutine (tid = goroutine id), with properly nested
 *       {@code B}/{@code E} slices for its life, its waits, holds, sends, sleeps and parks;</li>
 *   <li>process "Locks" (pid 2): per lock, a thread of holds (more lanes when readers overlap), async
 *       {@code b}/{@code e} slices for the waits, and a {@code C} counter of waiters;</li>
 *   <li>flow arrows ({@code s}/{@code f}) from each waiting goroutine to each goroutine it was blocked by;</li>
 *   <li>global instants ({@code i}) for alerts.</li>
 * </ul>
 *
 * <p>The slices are the intervals of the one {@link IntervalTracker} (docs/intervals.md), so they agree with the
 * timeline, the summary and the CSV export; a request granted at once is not shown as a wait.
 *
 * <p>Streaming: an {@link EventSink} that writes as events arrive and keeps only what is open (live goroutines,
 * their open slices, waits, lock lanes), so memory does not grow with the trace. Whatever is still open at the
 * last event (or at {@link #finish}) ends there. Events are written in time order per thread; single-threaded,
 * like every sink.
 */
public final class PerfettoExporter implements EventSink {
    static final int GOROUTINES_PID = 1;
    static final int LOCKS_PID = 2;
    /** The alerts thread of the Locks process; lock lanes follow. Far above any goroutine id. */
    static final int ALERTS_TID = 1 << 30;

    private static final String FLOW_NAME = "blocked by";
    private static final String FLOW_CAT = "blocked-by";

    private final ChromeTraceWriter out;
    private final String scenario;
    private final Map<Integer, GoroutineTrack> goroutines = new TreeMap<>();
    private final Map<Integer, LockRows> locks = new TreeMap<>();
    private final LockRows.TidAllocator tids = new LockRows.TidAllocator(ALERTS_TID + 1);
    private final IntervalTracker intervals = new IntervalTracker(new Slices());
    /** The event being fed to the tracker, whose fields its callbacks need. */
    private TraceEvent current;
    private int nextTag;
    private long nextId = 1;
    private long now;
    private boolean finished;

    /**
     * An exporter writing to {@code out}, which {@link #finish} closes.
     *
     * @param scenario the scenario's name, recorded in the file's {@code otherData}
     */
    public PerfettoExporter(OutputStream out, String scenario) {
        this.out = new ChromeTraceWriter(out);
        this.scenario = scenario;
        this.out.metadata("process_name", GOROUTINES_PID, 0, 0, "name", "Goroutines");
        this.out.metadata("process_sort_index", GOROUTINES_PID, 0, 0, "sort_index", 1);
        this.out.metadata("process_name", LOCKS_PID, ALERTS_TID, 0, "name", "Locks");
        this.out.metadata("process_sort_index", LOCKS_PID, ALERTS_TID, 0, "sort_index", 2);
        this.out.metadata("thread_name", LOCKS_PID, ALERTS_TID, 0, "name", "alerts");
        this.out.metadata("thread_sort_index", LOCKS_PID, ALERTS_TID, 0, "sort_index", 0);
    }

    /**
     * Exports the trace file {@code trace} to {@code target}, atomically.
     *
     * @return what the reader found; a truncated trace is exported up to its last complete event
     * @throws InputException if the trace is not a valid trace file
     * @throws IOException    if the target cannot be written
     */
    public static ReadResult export(Path trace, Path target) throws InputException, IOException {
        TraceFile.Header header = TraceReader.readHeader(trace);
        String name = header.name(trace);
        try {
            return AtomicOutput.write(target, stream -> TraceReader.read(trace,
                    StreamDetectors.withAlerts(header, DetectorConfig.DEFAULTS, new PerfettoExporter(stream, name))));
        } catch (JacksonException e) {
            // Jackson wraps the stream's failure, which already names the target in plain words (AtomicOutput).
            throw e.getCause() instanceof IOException io ? io
                    : new java.nio.file.FileSystemException(target.toString(), null, "cannot write the export");
        }
    }

    @Override
    public void accept(TraceEvent event) {
        if (finished) {
            throw new IllegalStateException("the export is finished");
        }
        if (event.time() != now) {
            flushCounters();
            now = event.time();
        }
        current = event;
        switch (event) {
            case TraceEvent.Spawn s -> {
                track(s.g(), s.name());
                intervals.spawn(now, s.g(), nextTag++);
            }
            case TraceEvent.Exit x -> intervals.exit(now, x.g(), nextTag++);
            case TraceEvent.LockCreated l -> {
                lock(l.lock(), l.name());
                intervals.advanceTo(now);
            }
            case TraceEvent.Request r -> intervals.request(now, r.g(), r.lock(), nextTag++);
            case TraceEvent.Blocked b -> blocked(b, intervals.blocked(now, b.g(), b.lock(), nextTag++));
            case TraceEvent.Acquire a -> intervals.acquire(now, a.g(), a.lock(), a.mode() == Mode.READ, nextTag++);
            case TraceEvent.Release r -> intervals.release(now, r.g(), r.lock(), r.mode() == Mode.READ, nextTag++);
            case TraceEvent.Park p -> intervals.park(now, p.g(), nextTag++);
            case TraceEvent.Sleep s -> intervals.sleep(now, s.g(), s.durationNs(), nextTag++);
            case TraceEvent.SendStart s -> intervals.sendStart(now, s.g(), s.member(), IntervalTracker.NONE, s.msg(), nextTag++);
            case TraceEvent.Deliver d -> intervals.deliver(now, d.g(), d.member(), d.msg(), nextTag++);
            case TraceEvent.Alert a -> {
                alert(a);
                intervals.advanceTo(now);
            }
            case TraceEvent.Drop _, TraceEvent.MemberEvent _, TraceEvent.CommandApplied _, TraceEvent.End _ ->
                    intervals.advanceTo(now);
        }
        current = null;
    }

    /** Ends everything still open at the last event's time, completes the JSON and closes the output. */
    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        flushCounters();
        for (GoroutineTrack track : goroutines.values()) {
            closeAll(track);
        }
        goroutines.clear();
        out.close(List.of(arg("scenario", scenario), arg("tool", TraceFile.TOOL)));
    }

    // ---- intervals, as the one tracker decides them ----

    private final class Slices implements IntervalTracker.Listener {
        @Override
        public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag) {
            GoroutineTrack track = track(g, "g" + g);
            switch (kind) {
                case RUNNING -> {
                    TraceEvent.Spawn s = (TraceEvent.Spawn) current;
                    push(track, tag, new GoroutineTrack.Running(new Slice(s.name(), "goroutine",
                            List.of(arg("g", s.g()), arg("kind", s.kind()), arg("parent", s.parent())))));
                }
                case WAITING -> request(track, (TraceEvent.Request) current, tag);
                case HOLD_READ, HOLD_WRITE -> acquire(track, (TraceEvent.Acquire) current, tag);
                case SENDING -> {
                    TraceEvent.SendStart s = (TraceEvent.SendStart) current;
                    push(track, tag, new GoroutineTrack.Sending(new Slice("sending to " + s.member(), "send",
                            List.of(arg("member", s.member()), arg("msg", s.msg()))), s.member(), s.msg()));
                }
                case SLEEPING -> push(track, tag, new GoroutineTrack.Pausing(
                        new Slice("sleeping", "sleep", siteArgs(((TraceEvent.Sleep) current).site())), plannedEnd));
                case PARKED -> push(track, tag, new GoroutineTrack.Pausing(
                        new Slice("parked", "park", siteArgs(((TraceEvent.Park) current).site())), Long.MAX_VALUE));
            }
        }

        @Override
        public void closed(IntervalKind kind, int g, int key, long start, long end, int tag, int endTag) {
            GoroutineTrack track = goroutines.get(g);
            if (kind == IntervalKind.WAITING) {
                GoroutineTrack.Wait wait = track.wait;
                if (wait.shown == null && end > wait.start) {
                    show(track, wait);
                }
                if (wait.shown != null) {
                    close(track, wait.shown, end);
                }
                track.wait = null;
                locks.get(wait.lock).waiters--;
                return;
            }
            GoroutineTrack.Open o = track.opened(tag);
            close(track, o, end);
        }

        @Override
        public void exited(int g, long time, int tag) {
            GoroutineTrack track = goroutines.get(g);
            if (track != null && track.top() == null && track.wait == null) {
                goroutines.remove(g); // a goroutine that exited holding a lock keeps its thread until it is released
            }
        }
    }

    // ---- goroutines ----

    /** The goroutine's track; a goroutine seen without its {@code Spawn} (another producer's trace) gets a bare one. */
    private GoroutineTrack track(int g, String name) {
        GoroutineTrack track = goroutines.get(g);
        if (track == null) {
            track = new GoroutineTrack(g, name);
            goroutines.put(g, track);
            out.metadata("thread_name", GOROUTINES_PID, g, now, "name", name);
            out.metadata("thread_sort_index", GOROUTINES_PID, g, now, "sort_index", g);
        }
        return track;
    }

    private void push(GoroutineTrack track, int tag, GoroutineTrack.Open o) {
        track.push(out, now, tag, o);
    }

    private void closeAll(GoroutineTrack track) {
        GoroutineTrack.Wait wait = track.wait;
        if (wait != null && wait.shown == null && now > wait.start) {
            show(track, wait);
        }
        track.wait = null;
        for (GoroutineTrack.Open o = track.top(); o != null; o = track.top()) {
            close(track, o, o instanceof GoroutineTrack.Pausing p ? Math.min(p.until(), now) : now);
        }
    }

    /** Ends a slice of a goroutine and what it stands for on the lock's rows. */
    private void close(GoroutineTrack track, GoroutineTrack.Open o, long ns) {
        track.close(out, ns, o);
        switch (o) {
            case GoroutineTrack.Holding h -> {
                out.end(LOCKS_PID, h.laneTid(), ns, h.laneSlice());
                locks.get(h.lock()).freeLane(h.laneTid());
            }
            case GoroutineTrack.Waiting w -> out.asyncEnd(LOCKS_PID, locks.get(w.request().lock).mainTid(), ns,
                    w.request().asyncId, w.request().asyncSlice);
            default -> { }
        }
    }

    // ---- locks ----

    private LockRows lock(int lock, String name) {
        return locks.computeIfAbsent(lock, id -> LockRows.create(id, name, out, tids, now));
    }

    private LockRows lock(int lock) {
        return lock(lock, "lock" + lock);
    }

    private void request(GoroutineTrack track, TraceEvent.Request r, int tag) {
        LockRows rows = lock(r.lock());
        String m = letter(r.mode());
        List<Slice.Arg> args = List.of(arg("lock", rows.name), arg("mode", method(r.mode())), arg("site", r.site().label()));
        Slice slice = new Slice("waiting for " + rows.name + " (" + m + ")", "wait", args);
        List<Slice.Arg> asyncArgs = new ArrayList<>(List.of(arg("goroutine", track.name), arg("g", track.g)));
        asyncArgs.addAll(args);
        Slice async = new Slice(r.site().op() + " waits for " + rows.name + " (" + m + ")", "wait", asyncArgs);
        track.wait = new GoroutineTrack.Wait(now, r.lock(), slice, async);
        rows.waiters++;
    }

    /** Arrows from a waiting goroutine to whoever newly blocks it; {@code request} is the wait's tag or NONE. */
    private void blocked(TraceEvent.Blocked b, int request) {
        GoroutineTrack track = goroutines.get(b.g());
        if (request == IntervalTracker.NONE || track == null || track.wait == null) {
            return; // a Blocked outside a wait: nothing to attach it to
        }
        GoroutineTrack.Wait wait = track.wait;
        if (wait.shown == null) {
            show(track, wait);
        }
        for (int blocker : wait.newBlockers(b.blockers())) {
            if (goroutines.containsKey(blocker)) { // an arrow needs a slice at each end
                long id = nextId++;
                out.flowStart(GOROUTINES_PID, b.g(), now, id, FLOW_NAME, FLOW_CAT);
                out.flowEnd(GOROUTINES_PID, blocker, now, id, FLOW_NAME, FLOW_CAT);
            }
        }
    }

    /** Begins a wait's slices at the time of its request: nothing else happened to the goroutine since. */
    private void show(GoroutineTrack track, GoroutineTrack.Wait wait) {
        wait.shown = new GoroutineTrack.Waiting(wait.slice, wait);
        wait.asyncId = nextId++;
        track.push(out, wait.start, IntervalTracker.NONE, wait.shown);
        out.asyncBegin(LOCKS_PID, locks.get(wait.lock).mainTid(), wait.start, wait.asyncId, wait.asyncSlice);
    }

    private void acquire(GoroutineTrack track, TraceEvent.Acquire a, int tag) {
        LockRows rows = lock(a.lock());
        String m = letter(a.mode());
        List<Slice.Arg> args = List.of(arg("lock", rows.name), arg("mode", method(a.mode())), arg("site", a.site().label()));
        int lane = rows.takeLane(out, tids, now);
        Slice laneSlice = new Slice(track.name + " (" + m + ")", "hold",
                List.of(arg("goroutine", track.name), arg("g", track.g), arg("mode", method(a.mode())),
                        arg("site", a.site().label())));
        out.begin(LOCKS_PID, lane, now, laneSlice, false);
        push(track, tag, new GoroutineTrack.Holding(new Slice("holding " + rows.name + " (" + m + ")", "hold", args),
                a.lock(), lane, laneSlice));
    }

    /** Writes each lock's waiter count if it changed during the instant that is ending. */
    private void flushCounters() {
        for (LockRows rows : locks.values()) {
            if (rows.waiters != rows.writtenWaiters) {
                out.counter(LOCKS_PID, rows.mainTid(), now, rows.name, "waiters", rows.waiters);
                rows.writtenWaiters = rows.waiters;
            }
        }
    }

    private void alert(TraceEvent.Alert a) {
        List<String> lockNames = a.locks().stream().map(l -> locks.containsKey(l) ? locks.get(l).name : "lock" + l).toList();
        out.instant(LOCKS_PID, ALERTS_TID, now, "g", new Slice(a.kind().id(), "alert", List.of(
                arg("summary", a.summary()), arg("report", a.report()), arg("goroutines", a.goroutines()),
                arg("locks", lockNames))));
    }

    private static List<Slice.Arg> siteArgs(Site site) {
        return List.of(arg("site", site.label()));
    }

    private static String letter(Mode mode) {
        return mode == Mode.READ ? "R" : "W";
    }

    private static String method(Mode mode) {
        return mode == Mode.READ ? "RLock" : "Lock";
    }
}
