package dev.lockscope.trace;

import dev.lockscope.event.EventSink;
import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonDocuments;
import dev.lockscope.io.JsonFields;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.io.JsonValue;
import dev.lockscope.io.MalformedJson;
import dev.lockscope.io.Quote;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import dev.lockscope.trace.store.TraceStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;

/**
 * Reads trace files (docs/trace-format.md), streaming events into an {@link EventSink} one line at a time, so
 * memory does not grow with the file ({@link #read}), or into a {@link TraceStore} field by field, parsing on a
 * helper thread ({@link #load}, the same outcome, faster). Gzip is recognised by its magic bytes, whatever the
 * name.
 *
 * <p>Rules: the header's {@code version} may not be newer than {@link TraceFile#VERSION}; every line must be
 * well-formed with exactly the fields of its event type; a site is declared before it is used; and the rules that
 * span events, which importers obey too ({@link EventChecks}): times never go backwards, and goroutines, locks
 * and holds are consistent. A file that stops early (a last line without its newline that does not parse, a
 * compressed stream that ends early, or no {@code end} event) is not an error: its complete events are delivered
 * and the {@link ReadResult} carries a warning. Everything else wrong is one {@link InputException} naming the
 * file, line and field, corrupt compressed data ({@link GzipInput}) included. Limits ({@link TraceLimits}): lines
 * up to 1 MiB (the header up to 16 MiB), strings up to 10,000 characters, nesting up to 16 levels, at most
 * {@link TraceFile#MAX_EVENTS} events and 1,000 blank lines.
 */
public final class TraceReader {
    private static final List<String> HEADER_FIELDS_V1 = List.of("format", "version", "tool", "scenario");
    private static final List<String> HEADER_FIELDS = List.of("format", "version", "tool", "producer", "scenario",
            "details");

    /** How much of a gzip stream is decompressed after a bad line, to check whether the file is corrupt. */
    private static final long CHECKED_AFTER_AN_ERROR = 256L << 20;

    private TraceReader() {}

    /** Reads only the header line of {@code file}. */
    public static TraceFile.Header readHeader(Path file) throws InputException {
        String source = file.toString();
        try (InputStream in = open(file)) {
            return header(source, new LineReader(in), TraceLimits.DEFAULTS);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /**
     * Reads {@code file}, passing each event to {@code sink} in file order and then calling
     * {@link EventSink#finish()}. On an {@link InputException}, the sink has seen the events before the bad line
     * and {@code finish} is not called. A {@link TraceStore} sink gets its common events field by field
     * ({@link TraceStore#appendSpawn} and the like, each exactly its {@code accept} of the event), on this
     * thread: the same rows, without an event object per line.
     */
    public static ReadResult read(Path file, EventSink sink) throws InputException {
        return read(file, sink, TraceLimits.DEFAULTS);
    }

    static ReadResult read(Path file, EventSink sink, TraceLimits limits) throws InputException {
        // Whether the compiler inlines TraceStore.accept into the target's calls (and so can skip making the
        // event) depends on the order it compiles them in; this path does not depend on it.
        EventTarget target = sink instanceof TraceStore store ? new StoreTarget(store) : new SinkTarget(sink);
        ReadResult result = read(file, target, limits);
        sink.finish();
        return result;
    }

    /**
     * Reads {@code file} into {@code store}: the same events, checks, errors and result as
     * {@code read(file, store)}, faster. The common events go into the store's columns field by field
     * ({@link TraceStore#appendSpawn} and the like), without an event object per line, and the file is read and
     * parsed on a helper thread while this thread appends to the store (which stays single-writer: only this
     * thread writes it). On an {@link InputException}, the store holds the events before the bad line.
     */
    public static ReadResult load(Path file, TraceStore store) throws InputException {
        return load(file, store, TraceLimits.DEFAULTS);
    }

    static ReadResult load(Path file, TraceStore store, TraceLimits limits) throws InputException {
        ReadResult result = PipelinedLoad.run(file.toString(), target -> read(file, target, limits),
                new StoreTarget(store));
        store.finish();
        return result;
    }

    /**
     * Reads a trace from a stream that delivers it as it is written (a tracked program's live connection): once
     * the header line has arrived, {@code sinkFor} makes the sink for it; each event reaches that sink as soon as
     * its line is complete; then {@link EventSink#finish()}. The stream is not closed. {@code source} names it in
     * messages.
     */
    public static ReadResult read(String source, InputStream in, Function<TraceFile.Header, EventSink> sinkFor)
            throws InputException {
        TraceScan scan = TraceScan.over(source, in, TraceLimits.DEFAULTS);
        EventSink sink = sinkFor.apply(scan.header());
        SinkTarget target = new SinkTarget(sink);
        while (scan.next(target)) {
            // each call delivers one event
        }
        sink.finish();
        return scan.result();
    }

    private static ReadResult read(Path file, EventTarget target, TraceLimits limits) throws InputException {
        try (TraceScan scan = TraceScan.open(file, limits)) {
            while (scan.next(target)) {
                // each call delivers one event
            }
            return scan.result();
        }
    }

    /**
     * A bad line in a gzip file may be damage rather than a writer's mistake: decompresses the rest of the stream
     * (up to {@link #CHECKED_AFTER_AN_ERROR} bytes) so that its checksum can tell, and reports corruption if it
     * does. Otherwise, or if the stream is cut off or too long to check, the caller reports the line's error.
     */
    static void checkRest(String source, GzipInput gz, int line) throws InputException {
        byte[] scratch = new byte[1 << 16];
        long left = CHECKED_AFTER_AN_ERROR;
        try {
            for (int n; left > 0 && (n = gz.read(scratch, 0, scratch.length)) > 0; ) {
                left -= n;
            }
        } catch (GzipInput.Corrupt e) {
            throw corrupt(source, line, e);
        } catch (IOException e) {
            // cut off or unreadable: nothing more to learn
        }
    }

    private static InputException corrupt(String source, int line, GzipInput.Corrupt e) {
        // Not a cut-off file, whose complete lines would stand: damaged data may have changed any line.
        return new InputException(source, 0, "", "corrupt compressed data "
                + (line == 0 ? "in the header line" : "after line " + line) + ": " + e.getMessage()
                + "; the file is damaged, not cut off");
    }

    static boolean next(String source, LineReader lines, int max, String shown)
            throws IOException, InputException {
        try {
            return lines.next(max);
        } catch (LineReader.LineTooLongException e) {
            throw new InputException(source, lines.number(), "", "line is longer than " + shown
                    + " (the limit is " + max + " bytes)");
        } catch (GzipInput.Corrupt e) {
            throw corrupt(source, lines.number(), e);
        }
    }

    static TraceFile.Header header(String source, LineReader lines, TraceLimits limits)
            throws IOException, InputException {
        if (!next(source, lines, limits.maxHeaderBytes(), "16 MiB")) {
            throw new InputException(source, 1, "", lines.streamBroken()
                    ? "compressed data ends before the header line"
                    : "empty file: expected a " + TraceFile.FORMAT + " header line");
        }
        JsonValue tree;
        JsonTree.Limits treeLimits = new JsonTree.Limits(limits.maxHeaderDepth(), limits.maxString(),
                Integer.MAX_VALUE);
        try {
            tree = readHeaderTree(source, lines, treeLimits);
        } catch (InputException e) {
            if (!lines.terminated()) {
                throw new InputException(source, 1, "", "file ends inside the header line");
            }
            throw e;
        }
        return header(source, JsonFields.of(source, "", tree));
    }

    private static JsonValue readHeaderTree(String source, LineReader lines, JsonTree.Limits treeLimits)
            throws InputException {
        // Creating the parser already reads the first bytes, to guess the encoding, and can refuse them (a
        // corrupt file whose first bytes look like UTF-32): that too is malformed input, not a crash.
        try (JsonParser p = JsonFormat.FACTORY.createParser(ObjectReadContext.empty(), lines.bytes(),
                lines.offset(), lines.length())) {
            return JsonTree.readDocument(source, p, treeLimits, 1, MalformedJson.Unit.LINE);
        } catch (JacksonException e) {
            throw JsonTree.malformedLine(source, 1, e);
        }
    }

    private static TraceFile.Header header(String source, JsonFields h) throws InputException {
        String format = h.has("format") ? h.string("format") : null;
        if (!TraceFile.FORMAT.equals(format)) {
            throw new InputException(source, 1, "format", "not a Lockscope trace: expected \"" + TraceFile.FORMAT
                    + "\", got " + (format == null ? "no format field" : Quote.of(format)));
        }
        long version = h.integer("version", 0, 1);
        if (!h.has("version")) {
            throw h.fail("missing required field \"version\"");
        }
        if (version > TraceFile.VERSION) {
            throw new InputException(source, 0, "", "format version " + version
                    + " is newer than this Lockscope reads (" + TraceFile.VERSION + ")");
        }
        if (version == 1) {
            h.allowOnly(HEADER_FIELDS_V1);
            String tool = h.string("tool");
            return TraceFile.Header.simulated(scenario(source, h)).withVersion(1, tool);
        }
        h.allowOnly(HEADER_FIELDS);
        String tool = h.string("tool");
        if (!h.has("producer")) {
            throw h.fail("missing required field \"producer\" (who produced the trace, e.g. \""
                    + TraceFile.SIMULATION + "\")");
        }
        String producer = h.string("producer");
        if (producer.isBlank() || producer.length() > TraceFile.MAX_PRODUCER_LENGTH) {
            throw h.failAt("producer", "expected a name of 1 to " + TraceFile.MAX_PRODUCER_LENGTH
                    + " characters, got " + Quote.of(producer));
        }
        Optional<JsonValue.Obj> details = Optional.empty();
        if (h.has("details")) {
            JsonValue d = h.value("details").orElseThrow();
            if (!(d instanceof JsonValue.Obj obj)) {
                throw h.failAt("details", "expected an object, got " + d.describe());
            }
            details = Optional.of(obj);
        }
        boolean simulated = producer.equals(TraceFile.SIMULATION);
        if (simulated != h.has("scenario")) {
            throw simulated ? h.fail("missing required field \"scenario\" (producer " + TraceFile.SIMULATION
                    + " is a simulation)")
                    : h.failAt("scenario", "only a simulated trace (producer " + TraceFile.SIMULATION
                    + ") carries a scenario, but the producer is " + Quote.of(producer));
        }
        Optional<Scenario> scenario = simulated ? Optional.of(scenario(source, h)) : Optional.empty();
        return new TraceFile.Header((int) version, tool, producer, scenario, details);
    }

    private static Scenario scenario(String source, JsonFields h) throws InputException {
        JsonValue scenario = h.value("scenario").orElseThrow(() -> h.fail("missing required field \"scenario\""));
        return ScenarioJson.fromTree(source, "scenario", scenario);
    }

    static InputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            return gzip ? new GzipInput(in) : in;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    static InputException unreadable(String source, IOException e) {
        return JsonDocuments.unreadable(source, e);
    }
}
