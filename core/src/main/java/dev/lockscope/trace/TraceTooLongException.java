package dev.lockscope.trace;

import java.io.IOException;

/**
 * A {@link TraceWriter} refused an event past {@link TraceFile#MAX_EVENTS}: the trace would be one no reader
 * accepts. The writer has abandoned its file (an atomic writer's target is untouched). Thrown from
 * {@link TraceWriter#accept} wrapped in an {@link java.io.UncheckedIOException}, as its other failures are.
 */
public final class TraceTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long timeNs;

    TraceTooLongException(long timeNs, String message) {
        super(message);
        this.timeNs = timeNs;
    }

    /** The time of the first event that did not fit. */
    public long timeNs() {
        return timeNs;
    }
}
