package dev.lockscope.trace.export;

import dev.lockscope.detect.StreamDetectors;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.InputException;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.trace.ReadResult;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.util.Millis;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Exports a run's intervals as CSV, one row per interval of the {@link TraceStore} (so the rows are exactly the
 * timeline's bars), in start order:
 *
 * <pre>row,kind,start_ms,end_ms,duration_ms,goroutine,lock,mode,member,blocked_by</pre>
 *
 * <p>{@code row} is the index of the event that starts the interval (0-based, site lines not counted);
 * {@code kind} one of {@code running, sleeping, parked, sending, hold-read, hold-write, waiting, buffered,
 * chan-send, chan-recv, select, wg-wait, cond-wait, once-wait} ({@link IntervalKind#id}); times are exact
 * decimal milliseconds; an interval still open at the end of the trace ends there (a sleep too, if it would
 * last longer). {@code goroutine} is the goroutine's name (for a buffered value, its sender's; {@code runtime} for
 * a timer's); {@code lock} is the lock of a wait or hold, the primitives of a wait on primitives (separated by
 * spaces), or the channel of a buffered value; {@code mode} ({@code r}/{@code w}) is set for lock waits and holds,
 * {@code member} for sends; {@code blocked_by} lists, for a wait, the names of everyone it was blocked by during
 * its life (who could complete it, for a wait on primitives; {@code timer} for a pending timer), in order of first
 * appearance, separated by spaces. Fields are quoted as RFC 4180 says; lines end with {@code \n}.
 *
 * <p>Collects the whole run first (about 35 bytes per event), because a row can only be written once its
 * interval has ended; feed it events, then call {@link #writeTo}.
 */
public final class IntervalCsvExporter implements EventSink {
    /** The first line. */
    public static final String HEADER = "row,kind,start_ms,end_ms,duration_ms,goroutine,lock,mode,member,blocked_by";

    /** Summaries are not used: the coarsest buckets keep their pyramids empty. */
    private static final int NO_SUMMARIES = 40;

    private final TraceStore store = new TraceStore(NO_SUMMARIES);
    private final Map<Integer, String> goroutineNames = new HashMap<>();
    private final Map<Integer, String> lockNames = new HashMap<>(); // locks and primitives: one id space
    /** Goroutine → the row of the request it is waiting in. */
    private final Map<Integer, Integer> waiting = new HashMap<>();
    /** Request row → the names of everyone who blocked it. */
    private final Map<Integer, Set<String>> blockers = new HashMap<>();
    private int rows;

    /**
     * Exports the trace file {@code trace} to {@code target}, atomically.
     *
     * @return what the reader found; a truncated trace is exported up to its last complete event
     * @throws InputException if the trace is not a valid trace file
     * @throws IOException    if the target cannot be written
     */
    public static ReadResult export(Path trace, Path target) throws InputException, IOException {
        IntervalCsvExporter csv = new IntervalCsvExporter();
        // Alerts are rows too (the row column counts them), so a trace without its own gets the detectors'.
        ReadResult result = TraceReader.read(trace,
                StreamDetectors.withAlerts(TraceReader.readHeader(trace), DetectorConfig.DEFAULTS, csv));
        AtomicOutput.write(target, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            csv.writeTo(w);
            w.flush();
            return null;
        });
        return result;
    }

    @Override
    public void accept(TraceEvent event) {
        int row = rows++;
        store.accept(event);
        switch (event) {
            case TraceEvent.Spawn s -> goroutineNames.put(s.g(), s.name());
            case TraceEvent.LockCreated l -> lockNames.put(l.lock(), l.name());
            case TraceEvent.PrimCreated p -> lockNames.put(p.prim(), p.name());
            case TraceEvent.Request r -> waiting.put(r.g(), row);
            case TraceEvent.PrimWait w -> waiting.put(w.g(), row);
            case TraceEvent.Acquire a -> waiting.remove(a.g());
            case TraceEvent.Wake w -> waiting.remove(w.g());
            case TraceEvent.Blocked b -> {
                Integer wait = waiting.get(b.g());
                if (wait != null) {
                    Set<String> names = blockers.computeIfAbsent(wait, w -> new LinkedHashSet<>());
                    b.blockers().forEach(g -> names.add(g == 0 ? "timer" : goroutine(g)));
                }
            }
            default -> { }
        }
    }

    /** Writes the header and one line per interval of the events so far. */
    public void writeTo(Writer out) throws IOException {
        TraceView view = store.view();
        long traceEnd = view.now();
        out.write(HEADER);
        out.write('\n');
        for (int row = 0; row < view.size(); row++) {
            if (view.type(row).startsInterval()) {
                out.write(line(view, row, traceEnd));
            }
        }
    }

    private String line(TraceView view, int id, long traceEnd) {
        long start = view.start(id);
        long end = Math.min(view.end(id), traceEnd);
        IntervalKind kind = view.kind(id);
        boolean onLock = kind == IntervalKind.WAITING || kind.isHold();
        String object = onLock ? Csv.field(lock(view.intervalLock(id)))
                : kind.isPrimWait() ? Csv.field(String.join(" ", view.prims(id).stream().map(this::lock).toList()))
                : kind == IntervalKind.BUFFERED ? Csv.field(lock(view.intervalPrim(id))) : "";
        int member = view.intervalMember(id);
        StringBuilder sb = new StringBuilder(96);
        sb.append(id).append(',').append(kind.id())
                .append(',').append(Millis.exact(start))
                .append(',').append(Millis.exact(end))
                .append(',').append(Millis.exact(end - start))
                .append(',').append(Csv.field(goroutine(view.intervalGoroutine(id))))
                .append(',').append(object)
                .append(',').append(onLock ? view.mode(id).code() : "")
                .append(',').append(member >= 0 ? Csv.field(view.memberName(member)) : "")
                .append(',').append(Csv.field(String.join(" ", blockers.getOrDefault(id, Set.of()))))
                .append('\n');
        return sb.toString();
    }

    private String goroutine(int g) {
        return g == 0 ? "runtime" : goroutineNames.getOrDefault(g, "g" + g);
    }

    private String lock(int lock) {
        return lockNames.getOrDefault(lock, "lock" + lock);
    }

}
