package dev.lockscope.trace;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.AtomicOutput;
import dev.lockscope.io.JsonFormat;
import dev.lockscope.io.JsonTree;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScenarioJson;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;

/**
 * Writes a run's events to a trace file (docs/trace-format.md): a header line, then one JSON line per event,
 * UTF-8, gzip-compressed when the target's name ends in {@code .gz}. Two modes:
 *
 * <ul>
 *   <li>{@link #atomic}: everything goes to a temporary file in the target's directory, which {@link #finish}
 *       renames over the target in one atomic step ({@link AtomicOutput}: its rules for devices, permissions,
 *       leftovers and errors apply). Readers see the old file or the complete new one, never a half-written one;
 *       a crash before {@code finish} leaves the target untouched. For saving a finished or replayed run.</li>
 *   <li>{@link #recording}: writes to the target itself and flushes whenever virtual time advances and on
 *       {@link #flush}, so a crash loses at most the events of the current instant. A gzip recording is
 *       sync-flushed, so its data so far decompresses; {@link TraceReader} loads a cut-off recording up to its
 *       last complete event and warns. For live sessions.</li>
 * </ul>
 *
 * <p>Single-threaded, like every {@link EventSink}. I/O failures surface as {@link UncheckedIOException} because
 * {@code accept} cannot throw checked exceptions. {@link #close} without {@link #finish} abandons the file.
 */
public final class TraceWriter implements EventSink, AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final Path target;
    private final AtomicOutput.Pending pending;
    private final JsonGenerator generator;
    private final EventLineWriter lines;
    private final boolean flushPerInstant;
    private long lastTime = Long.MIN_VALUE;
    private boolean closed;

    private TraceWriter(Path target, AtomicOutput.Pending pending, TraceFile.Header header, boolean flushPerInstant)
            throws IOException {
        this.target = target;
        this.pending = pending;
        this.flushPerInstant = flushPerInstant;
        OutputStream out = pending != null ? pending.stream()
                : new BufferedOutputStream(Files.newOutputStream(target), BUFFER);
        try {
            if (TraceFile.isGzipName(target.getFileName().toString())) {
                // syncFlush: flush() pushes out all data so far in decodable form, which recording relies on.
                out = new GZIPOutputStream(out, BUFFER, true);
            }
            this.generator = JsonFormat.FACTORY.createGenerator(new LinesContext(), out, JsonEncoding.UTF8);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        this.lines = new EventLineWriter(generator);
        writeHeader(header);
    }

    /** A writer of a simulation of {@code scenario} that replaces {@code target} atomically in {@link #finish}. */
    public static TraceWriter atomic(Path target, Scenario scenario) throws IOException {
        return atomic(target, TraceFile.Header.simulated(scenario));
    }

    /** A writer that replaces {@code target} atomically in {@link #finish}; it writes this version's header. */
    public static TraceWriter atomic(Path target, TraceFile.Header header) throws IOException {
        AtomicOutput.Pending pending = AtomicOutput.open(target);
        try {
            return new TraceWriter(target, pending, header, false);
        } catch (IOException | RuntimeException e) {
            pending.close();
            throw e;
        }
    }

    /** A writer of a simulation that records straight into {@code target}, flushing as virtual time advances. */
    public static TraceWriter recording(Path target, Scenario scenario) throws IOException {
        return recording(target, TraceFile.Header.simulated(scenario));
    }

    /** A writer that records straight into {@code target}, flushing as time advances. */
    public static TraceWriter recording(Path target, TraceFile.Header header) throws IOException {
        return new TraceWriter(target, null, header, true);
    }

    /** Writes {@code header} as this version writes headers: the file's version and tool are this Lockscope's. */
    private void writeHeader(TraceFile.Header header) throws IOException {
        try {
            generator.writeStartObject();
            generator.writeStringProperty("format", TraceFile.FORMAT);
            generator.writeNumberProperty("version", TraceFile.VERSION);
            generator.writeStringProperty("tool", TraceFile.TOOL);
            generator.writeStringProperty("producer", header.producer());
            if (header.scenario().isPresent()) {
                generator.writeName("scenario");
                ScenarioJson.write(generator, header.scenario().get());
            }
            if (header.details().isPresent()) {
                generator.writeName("details");
                JsonTree.write(generator, header.details().get());
            }
            generator.writeEndObject();
            generator.writeRaw('\n');
            if (flushPerInstant) {
                generator.flush();
            }
        } catch (JacksonException e) {
            close();
            throw ioProblem(e);
        }
    }

    @Override
    public void accept(TraceEvent event) {
        if (closed) {
            throw new IllegalStateException("trace writer for " + target + " is closed");
        }
        try {
            if (flushPerInstant && event.time() != lastTime && lastTime != Long.MIN_VALUE) {
                generator.flush();
            }
            lastTime = event.time();
            lines.write(event);
        } catch (JacksonException e) {
            throw new UncheckedIOException(ioProblem(e));
        }
    }

    /** Pushes everything written so far to the file (decodable, for gzip). */
    public void flush() {
        try {
            generator.flush();
        } catch (JacksonException e) {
            throw new UncheckedIOException(ioProblem(e));
        }
    }

    /** Completes the file: closes it and, for an atomic writer, moves it over the target. */
    @Override
    public void finish() {
        if (closed) {
            return;
        }
        try {
            generator.close();
            closed = true;
            if (pending != null) {
                pending.commit();
            }
        } catch (IOException e) {
            abandon();
            throw new UncheckedIOException(e);
        } catch (JacksonException e) {
            abandon();
            throw new UncheckedIOException(ioProblem(e));
        }
    }

    /** Abandons an unfinished file: an atomic writer deletes its temporary file; a recording stays as written. */
    @Override
    public void close() {
        if (!closed) {
            abandon();
        }
    }

    private void abandon() {
        closed = true;
        try {
            generator.close();
        } catch (JacksonException e) {
            // The file is being given up; a failure to close it changes nothing for the caller.
        }
        if (pending != null) {
            pending.close();
        }
    }

    /**
     * The I/O failure inside Jackson's wrapper, which names the target ({@link AtomicOutput}); a failure of the
     * generator itself is named after the target too.
     */
    private IOException ioProblem(JacksonException e) {
        if (e.getCause() instanceof IOException io) {
            return io;
        }
        return new java.nio.file.FileSystemException(target.toString(), null, "cannot write the trace");
    }

    /** No separator between root values: each event line ends with its own newline instead. */
    private static final class LinesContext extends ObjectWriteContext.Base {
        @Override
        public SerializableString getRootValueSeparator(SerializableString defaultSeparator) {
            return null;
        }
    }
}
