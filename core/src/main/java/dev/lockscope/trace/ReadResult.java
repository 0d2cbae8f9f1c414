package dev.lockscope.trace;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link TraceReader#read} found besides the events it passed on.
 *
 * @param events    the number of events delivered to the sink (site lines are not events)
 * @param truncated whether the file stopped before its {@code end} event: cut mid-line, a compressed stream that
 *                  ends early, or a recording without its {@code end} line
 * @param warning   for a truncated file, one line for the user naming the file, where it stops and how many
 *                  events were recovered
 */
public record ReadResult(TraceFile.Header header, long events, boolean truncated, Optional<String> warning) {
    public ReadResult {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(warning, "warning");
        if (truncated != warning.isPresent()) {
            throw new IllegalArgumentException("a truncated read has a warning, and only a truncated one");
        }
    }
}
