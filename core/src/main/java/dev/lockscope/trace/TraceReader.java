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
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
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
 * well-formed with exactly the fields of its event type; times never go backwards; a site is declared before it
 * is used. A file that stops early (a last line without its newline that does not parse, a compressed stream
 * that ends early or is corrupt, or no {@code end} event) is not an error: its complete events are delivered and
 * the {@link ReadResult} carries a warning. Everything else wrong is one {@link InputException} naming the file,
 * line and field. Limits: lines up to 1 MiB (the header up to 16 MiB), strings up to 10,000 characters, nesting
 * up to 16 levels, at most 50,000,000 events.
 */
public final class TraceReader {
    private static final List<String> HEADER_FIELDS_V1 = List.of("format", "version", "tool", "scenario");
    private static final List<String> HEADER_FIELDS = List.of("format", "version", "tool", "producer", "scenario",
            "details");

    private TraceReader() {}

    /** Reads only the header line of {@code file}. */
    public static TraceFile.Header readHeader(Path file) throws InputException {
        String source = file.toString();
        try (InputStream in = open(source, file)) {
            return header(source, new LineReader(in), TraceLimits.DEFAULTS);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    /**
     * Reads {@code file}, passing each event to {@code sink} in file order and then calling
     * {@link EventSink#finish()}. On an {@link InputException}, the sink has seen the events before the bad line
     * and {@code finish} is not called.
     */
    public static ReadResult read(Path file, EventSink sink) throws InputException {
        return read(file, sink, TraceLimits.DEFAULTS);
    }

    static ReadResult read(Path file, EventSink sink, TraceLimits limits) throws InputException {
        ReadResult result = read(file, new SinkTarget(sink), limits);
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
        try {
            LineReader lines = new LineReader(in);
            TraceFile.Header header = header(source, lines, TraceLimits.DEFAULTS);
            EventSink sink = sinkFor.apply(header);
            ReadResult result = events(source, lines, TraceLimits.DEFAULTS, header, new SinkTarget(sink));
            sink.finish();
            return result;
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static ReadResult read(Path file, EventTarget target, TraceLimits limits) throws InputException {
        String source = file.toString();
        try (InputStream in = open(source, file)) {
            LineReader lines = new LineReader(in);
            TraceFile.Header header = header(source, lines, limits);
            return events(source, lines, limits, header, target);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static ReadResult events(String source, LineReader lines, TraceLimits limits, TraceFile.Header header,
                                     EventTarget target) throws IOException, InputException {
        EventLineParser parser = new EventLineParser(source, limits);
        long count = 0;
        boolean ended = false;
        while (next(source, lines, limits.maxLineBytes(), "1 MiB")) {
            if (lines.length() == 0) {
                continue;
            }
            LineKind kind;
            try {
                kind = parser.parse(lines.bytes(), lines.offset(), lines.length(), lines.number());
            } catch (InputException | JacksonException e) {
                if (!lines.terminated()) {
                    // A last line without its newline was cut while being written; its events so far stand.
                    return truncated(header, count, source + ": file ends mid-event at line " + lines.number()
                            + "; recovered " + count + " events");
                }
                throw e instanceof JacksonException je ? JsonTree.malformedLine(source, lines.number(), je)
                        : (InputException) e;
            }
            if (kind == LineKind.SITE) {
                continue; // a site declaration, not an event
            }
            if (ended) {
                throw new InputException(source, lines.number(), "e", "event after the end event");
            }
            if (++count > limits.maxEvents()) {
                throw new InputException(source, lines.number(), "", "more than " + limits.maxEvents()
                        + " events (the limit)");
            }
            parser.deliver(target);
            ended = kind == LineKind.END;
        }
        if (lines.streamBroken()) {
            return truncated(header, count, source + ": compressed data ends early after line " + lines.number()
                    + "; recovered " + count + " events");
        }
        if (!ended) {
            return truncated(header, count, source + ": no end event after line " + lines.number()
                    + " (recording cut off?); recovered " + count + " events");
        }
        return new ReadResult(header, count, false, Optional.empty());
    }

    private static ReadResult truncated(TraceFile.Header header, long count, String warning) {
        return new ReadResult(header, count, true, Optional.of(warning));
    }

    private static boolean next(String source, LineReader lines, int max, String shown)
            throws IOException, InputException {
        try {
            return lines.next(max);
        } catch (LineReader.LineTooLongException e) {
            throw new InputException(source, lines.number(), "", "line is longer than " + shown
                    + " (the limit is " + max + " bytes)");
        }
    }

    private static TraceFile.Header header(String source, LineReader lines, TraceLimits limits)
            throws IOException, InputException {
        if (!next(source, lines, limits.maxHeaderBytes(), "16 MiB")) {
            throw new InputException(source, 1, "", lines.streamBroken()
                    ? "compressed data ends before the header line"
                    : "empty file: expected a " + TraceFile.FORMAT + " header line");
        }
        JsonValue tree;
        JsonTree.Limits treeLimits = new JsonTree.Limits(limits.maxDepth(), limits.maxString(), Integer.MAX_VALUE);
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

    private static InputStream open(String source, Path file) throws IOException, InputException {
        InputStream raw = Files.newInputStream(file);
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            if (!gzip) {
                return in;
            }
            try {
                return new GZIPInputStream(in, 1 << 16);
            } catch (EOFException e) {
                throw new InputException(source, 0, "", "compressed data ends before the header line");
            } catch (ZipException e) {
                throw new InputException(source, 0, "", "not a valid gzip file: " + e.getMessage());
            }
        } catch (IOException | InputException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputException unreadable(String source, IOException e) {
        return JsonDocuments.unreadable(source, e);
    }
}
