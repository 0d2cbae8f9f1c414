package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import java.nio.file.Path;

/**
 * Reads a trace file one event at a time, as the consumer asks: for a consumer that pulls rather than being
 * pushed to, such as a re-run that needs the recording's next live command only when it gets there. The same
 * rules, errors and end as {@link TraceReader#read}; memory does not grow with the file.
 */
public final class TraceCursor implements AutoCloseable {
    private final TraceScan scan;
    private TraceEvent taken;
    private final SinkTarget target = new SinkTarget(e -> taken = e);

    private TraceCursor(TraceScan scan) {
        this.scan = scan;
    }

    /** Opens {@code file} and reads its header. */
    public static TraceCursor open(Path file) throws InputException {
        return new TraceCursor(TraceScan.open(file, TraceLimits.DEFAULTS));
    }

    public TraceFile.Header header() {
        return scan.header();
    }

    /** The next event, or {@code null} at the end of the events; {@link #result} then says how the file ended. */
    public TraceEvent next() throws InputException {
        taken = null;
        return scan.next(target) ? taken : null;
    }

    /** The line of the event {@link #next} returned last (1 is the header). */
    public int line() {
        return scan.line();
    }

    /** How the file ended: events, truncation; only after {@link #next} returned {@code null}. */
    public ReadResult result() {
        return scan.result();
    }

    @Override
    public void close() {
        scan.close();
    }
}
