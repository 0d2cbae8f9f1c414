package dev.lockscope.trace;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * One pass over a trace file: its header, then its events one at a time into an {@link EventTarget}, with every
 * rule of {@link TraceReader} (which loops over it) and the same errors and warnings. A {@link TraceCursor} drives
 * it one event at a time. Owns the file it opened until {@link #close}; a stream it was given stays its owner's.
 */
final class TraceScan implements AutoCloseable {
    private final String source;
    private final InputStream in;
    private final boolean ownsInput;
    private final LineReader lines;
    private final TraceLimits limits;
    private final TraceFile.Header header;
    private final EventLineParser parser;
    private long count;
    private int blank;
    private ReadResult result;

    private TraceScan(String source, InputStream in, boolean ownsInput, LineReader lines, TraceLimits limits,
                      TraceFile.Header header) {
        this.source = source;
        this.in = in;
        this.ownsInput = ownsInput;
        this.lines = lines;
        this.limits = limits;
        this.header = header;
        this.parser = new EventLineParser(source, limits, header.version(), header.scenario()
                .map(s -> s.body() instanceof dev.lockscope.scenario.RoomSpec room ? room.strategyIds() : null)
                .orElse(dev.lockscope.scenario.CommandJson.BUILTIN_STRATEGIES));
    }

    /**
     * Reads the header from {@code in}, a stream that delivers a trace as it is written (a live connection);
     * {@link #close} leaves the stream open, which is its owner's.
     */
    static TraceScan over(String source, InputStream in, TraceLimits limits) throws InputException {
        LineReader lines = new LineReader(in);
        try {
            return new TraceScan(source, in, false, lines, limits, TraceReader.header(source, lines, limits));
        } catch (IOException e) {
            throw TraceReader.unreadable(source, e);
        }
    }

    /** Opens {@code file} and reads its header. */
    static TraceScan open(Path file, TraceLimits limits) throws InputException {
        String source = file.toString();
        InputStream in = null;
        try {
            in = TraceReader.open(file);
            LineReader lines = new LineReader(in);
            TraceFile.Header header;
            try {
                header = TraceReader.header(source, lines, limits);
            } catch (InputException e) {
                if (in instanceof GzipInput gz && !gz.corrupt()) {
                    TraceReader.checkRest(source, gz, lines.number());
                }
                throw e;
            }
            TraceScan scan = new TraceScan(source, in, true, lines, limits, header);
            in = null; // the scan owns it now
            return scan;
        } catch (IOException e) {
            throw TraceReader.unreadable(source, e);
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // the error being thrown says more
                }
            }
        }
    }

    TraceFile.Header header() {
        return header;
    }

    /** The number of the line read last (1 is the header). */
    int line() {
        return lines.number();
    }

    /**
     * Delivers the next event to {@code target}.
     *
     * @return false at the end of the events; {@link #result} then says how the file ended
     */
    boolean next(EventTarget target) throws InputException {
        if (result != null) {
            return false;
        }
        try {
            return step(target);
        } catch (InputException e) {
            if (in instanceof GzipInput gz && !gz.corrupt()) {
                TraceReader.checkRest(source, gz, lines.number());
            }
            throw e;
        } catch (IOException e) {
            throw TraceReader.unreadable(source, e);
        }
    }

    /** How the file ended; only after {@link #next} returned false. */
    ReadResult result() {
        if (result == null) {
            throw new IllegalStateException("the scan has not reached the end of " + source);
        }
        return result;
    }

    private boolean step(EventTarget target) throws IOException, InputException {
        while (TraceReader.next(source, lines, limits.maxLineBytes(), "1 MiB")) {
            if (lines.length() == 0) {
                if (++blank > limits.maxBlankLines()) {
                    throw new InputException(source, lines.number(), "", "more than " + limits.maxBlankLines()
                            + " blank lines (the limit; a trace has none)");
                }
                continue;
            }
            LineKind kind;
            try {
                kind = parser.parse(lines.bytes(), lines.offset(), lines.length(), lines.number());
            } catch (InputException | JacksonException e) {
                if (!lines.terminated()) {
                    // A last line without its newline was cut while being written; its events so far stand.
                    result = truncated(source + ": file ends mid-event at line " + lines.number() + "; recovered "
                            + count + " events");
                    return false;
                }
                throw e instanceof JacksonException je ? JsonTree.malformedLine(source, lines.number(), je)
                        : (InputException) e;
            }
            if (kind != LineKind.SITE) { // a site line declares a site and is no event
                parser.deliver(target);
                count++;
                return true;
            }
        }
        if (lines.streamBroken()) {
            result = truncated(source + ": compressed data ends early after line " + lines.number() + "; recovered "
                    + count + " events");
        } else if (!parser.ended()) {
            result = truncated(source + ": no end event after line " + lines.number() + " (recording cut off?); "
                    + "recovered " + count + " events");
        } else {
            result = new ReadResult(header, count, false, Optional.empty());
        }
        return false;
    }

    private ReadResult truncated(String warning) {
        return new ReadResult(header, count, true, Optional.of(warning));
    }

    @Override
    public void close() {
        if (!ownsInput) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // reading is over; nothing depends on the close
        }
    }
}
