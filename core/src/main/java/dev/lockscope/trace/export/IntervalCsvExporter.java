package dev.lockscope.trace.export;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.InputException;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.Mode;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.util.IntMap;
import dev.lockscope.util.Millis;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exports a run's intervals as CSV, one row per interval of the one {@link IntervalTracker} (so the rows are
 * exactly the timeline's bars), written as a stream: a row when its interval ends, and the intervals still open
 * at the end of the trace last, in start order. So rows come in order of {@code end_ms}.
 *
 * <pre>row,kind,start_ms,end_ms,duration_ms,goroutine,lock,mode,member,blocked_by</pre>
 *
 * <p>{@code row} is the index of the event that starts the interval (0-based, every event counted, alerts too;
 * site lines not counted), the interval's id in the trace store; {@code kind} one of {@code running, sleeping,
 * parked, sending, hold-read, hold-write, waiting, buffered, chan-send, chan-recv, select, wg-wait, cond-wait,
 * once-wait} ({@link IntervalKind#id}); times are exact decimal milliseconds; an interval still open at the end of
 * the trace ends there (a sleep too, if it would last longer). {@code goroutine} is the goroutine's name (for a
 * buffered value, its sender's; {@code runtime} for a timer's); {@code lock} is the lock of a wait or hold, the
 * primitives of a wait on primitives (separated by spaces), or the channel of a buffered value; {@code mode}
 * ({@code r}/{@code w}) is set for lock waits and holds, {@code member} for sends; {@code blocked_by} lists, for a
 * wait, the names of everyone it was blocked by during its life (who could complete it, for a wait on primitives;
 * {@code timer} for a pending timer), in order of first appearance, separated by spaces. Fields are quoted as
 * RFC 4180 says; lines end with {@code \n}.
 *
 * <p>Memory follows what is open, not the trace: the tracker's open intervals, the names of goroutines still
 * running or with an interval open (a goroutine's name is forgotten once it has exited and its last interval has
 * ended; an interval of it that starts later, which only a malformed event stream has, shows {@code g<id>}), and
 * the locks' and members' names. No array is sized by an id. Single-threaded, like every sink.
 */
public final class IntervalCsvExporter implements EventSink {
    /** The first line. */
    public static final String HEADER = "row,kind,start_ms,end_ms,duration_ms,goroutine,lock,mode,member,blocked_by";

    private final Writer out;
    private final IntervalTracker intervals = new IntervalTracker(new Rows());
    private final IntMap<Goroutine> goroutines = new IntMap<>();
    private final IntMap<String> lockNames = new IntMap<>();
    private final Map<String, Integer> memberIds = new HashMap<>();
    private final List<String> memberNames = new ArrayList<>();
    /** The event being fed to the tracker, whose fields its callbacks need. */
    private TraceEvent current;
    private int rows;
    private long now;
    private boolean finished;

    /** An exporter writing to {@code out}: the header at once, rows as intervals end; {@link #finish} flushes. */
    public IntervalCsvExporter(Writer out) {
        this.out = out;
        write(HEADER + "\n");
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
        try {
            return AtomicOutput.write(target, stream -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                // Alerts are rows too (the row column counts them), so a trace without its own gets the detectors'.
                return TraceReader.read(trace, StreamDetectors.withAlerts(header, DetectorConfig.DEFAULTS,
                        new IntervalCsvExporter(w)));
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public void accept(TraceEvent event) {
        if (finished) {
            throw new IllegalStateException("the export is finished");
        }
        int tag = rows++;
        now = event.time();
        current = event;
        switch (event) {
            case TraceEvent.Spawn s -> {
                goroutine(s.g()).name = s.name();
                intervals.spawn(now, s.g(), tag);
            }
            case TraceEvent.Exit x -> intervals.exit(now, x.g(), tag);
            case TraceEvent.LockCreated l -> {
                lockNames.put(l.lock(), l.name());
                intervals.advanceTo(now);
            }
            case TraceEvent.Request r -> intervals.request(now, r.g(), r.lock(), tag);
            case TraceEvent.Acquire a -> intervals.acquire(now, a.g(), a.lock(), a.mode() == Mode.READ, tag);
            case TraceEvent.Release r -> intervals.release(now, r.g(), r.lock(), r.mode() == Mode.READ, tag);
            case TraceEvent.Blocked b -> {
                if (intervals.blocked(now, b.g(), b.lock(), tag) != IntervalTracker.NONE) {
                    Set<String> names = goroutines.get(b.g()).blockers;
                    b.blockers().forEach(g -> names.add(g == 0 ? "timer" : name(g)));
                }
            }
            case TraceEvent.Park p -> intervals.park(now, p.g(), tag);
            case TraceEvent.Sleep s -> intervals.sleep(now, s.g(), s.durationNs(), tag);
            case TraceEvent.SendStart s -> intervals.sendStart(now, s.g(), s.member(), member(s.member()), s.msg(),
                    tag);
            case TraceEvent.Deliver d -> intervals.deliver(now, d.g(), d.member(), d.msg(), tag);
            case TraceEvent.PrimCreated p -> {
                lockNames.put(p.prim(), p.name()); // locks and primitives share one id space
                intervals.advanceTo(now);
            }
            case TraceEvent.PrimWait w -> intervals.primWait(now, w.g(), IntervalKind.of(w.op()),
                    w.prims().isEmpty() ? IntervalTracker.NONE : w.prims().getFirst(), tag);
            case TraceEvent.Wake w -> intervals.wake(now, w.g(), tag);
            case TraceEvent.Act a -> intervals.act(now, a.g(), a.prim(), a.op(), tag);
            case TraceEvent.Panic p -> intervals.event(now, p.g(), tag);
            case TraceEvent.Alert _, TraceEvent.Drop _, TraceEvent.MemberEvent _, TraceEvent.CommandApplied _,
                 TraceEvent.Asleep _, TraceEvent.End _ -> intervals.advanceTo(now);
        }
        current = null;
    }

    /** Writes the intervals still open, ending at the last event's time, in start order; flushes the output. */
    @Override
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        intervals.advanceTo(now); // sleeps that end by the last event end at their own end
        List<long[]> open = new ArrayList<>();
        intervals.forEachOpen((kind, g, key, start, tag) -> open.add(new long[] {tag, kind.ordinal(), g, key, start}));
        open.sort(Comparator.comparingLong(o -> o[0]));
        IntervalKind[] kinds = IntervalKind.values();
        for (long[] o : open) {
            row(kinds[(int) o[1]], (int) o[2], (int) o[3], o[4], now, (int) o[0]);
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tracker's intervals: a row as each one ends. */
    private final class Rows implements IntervalTracker.Listener {
        @Override
        public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag) {
            Goroutine s = goroutine(g);
            s.open++;
            if (kind == IntervalKind.WAITING) {
                s.waitMode = ((TraceEvent.Request) current).mode();
                s.blockers = new LinkedHashSet<>();
            } else if (kind.isPrimWait()) {
                s.waitPrims = String.join(" ", ((TraceEvent.PrimWait) current).prims().stream()
                        .map(IntervalCsvExporter.this::lockName).toList());
                s.blockers = new LinkedHashSet<>();
            }
        }

        @Override
        public void closed(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag) {
            row(kind, g, key, start, end, startTag);
            Goroutine s = goroutines.get(g);
            if (--s.open == 0 && s.exited) {
                goroutines.remove(g);
            }
        }

        @Override
        public void exited(int g, long time, int tag) {
            Goroutine s = goroutine(g);
            s.exited = true;
            if (s.open == 0) {
                goroutines.remove(g);
            }
        }
    }

    private void row(IntervalKind kind, int g, int key, long start, long end, int startTag) {
        boolean lockWait = kind == IntervalKind.WAITING;
        boolean wait = lockWait || kind.isPrimWait();
        boolean onLock = lockWait || kind.isHold();
        Goroutine s = goroutines.get(g);
        String mode = !onLock ? "" : lockWait ? s.waitMode.code() : kind == IntervalKind.HOLD_READ ? "r" : "w";
        String object = onLock || kind == IntervalKind.BUFFERED ? Csv.field(lockName(key))
                : kind.isPrimWait() ? Csv.field(s.waitPrims) : "";
        StringBuilder sb = new StringBuilder(96);
        sb.append(startTag).append(',').append(kind.id())
                .append(',').append(Millis.exact(start))
                .append(',').append(Millis.exact(end))
                .append(',').append(Millis.exact(end - start))
                .append(',').append(Csv.field(name(g)))
                .append(',').append(object)
                .append(',').append(mode)
                .append(',').append(kind == IntervalKind.SENDING ? Csv.field(memberNames.get(key)) : "")
                .append(',').append(wait ? Csv.field(String.join(" ", s.blockers)) : "")
                .append('\n');
        write(sb.toString());
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Goroutine goroutine(int g) {
        Goroutine s = goroutines.get(g);
        if (s == null) {
            s = new Goroutine();
            goroutines.put(g, s);
        }
        return s;
    }

    private String name(int g) {
        if (g == 0) {
            return "runtime";
        }
        Goroutine s = goroutines.get(g);
        return s != null && s.name != null ? s.name : "g" + g;
    }

    private String lockName(int lock) {
        String name = lockNames.get(lock);
        return name != null ? name : "lock" + lock;
    }

    private int member(String name) {
        Integer id = memberIds.get(name);
        if (id == null) {
            id = memberNames.size();
            memberIds.put(name, id);
            memberNames.add(name);
        }
        return id;
    }

    /** What the export keeps of a goroutine while it runs or has an interval open. */
    private static final class Goroutine {
        String name;
        int open;
        boolean exited;
        /** The current wait's mode (a lock wait) or primitives' names (a wait on primitives), and its blockers'
         * names, in order of first appearance. */
        Mode waitMode;
        String waitPrims = "";
        Set<String> blockers = Set.of();
    }
}
