package dev.lockscope.run;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.TraceWriter;
import dev.lockscope.trace.store.TraceView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A run's events up to a clean cut, ready to be written as a trace from any thread: the header (a simulation's
 * carries its scenario), a snapshot of the store, and, for a run still going, where its trace ends.
 *
 * <p>A live run is cut after a completed instant {@code t} (every step due at {@code t} has run), and the
 * trace ends with {@code End} at {@code t + 1 ns}: re-simulating up to there ({@link Replay}) runs exactly the
 * steps the live run had run, so {@code lockscope replay --verify} accepts the file.
 *
 * @param endNs the time of the {@code End} event to add, or empty when the view already ends with one
 */
public record SavePoint(TraceFile.Header header, TraceView view, OptionalLong endNs) {
    /** A save point of a simulation of {@code scenario}. */
    public SavePoint(Scenario scenario, TraceView view, OptionalLong endNs) {
        this(TraceFile.Header.simulated(scenario), view, endNs);
    }

    public SavePoint {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(endNs, "endNs");
    }

    /** The number of events the file will hold. */
    public int events() {
        return view.size() + (endNs.isPresent() ? 1 : 0);
    }

    /** Writes the trace to {@code target} atomically (docs/trace-format.md; gzip when it ends in {@code .gz}). */
    public void writeTo(Path target) throws IOException {
        try (TraceWriter writer = TraceWriter.atomic(target, header)) {
            for (int row = 0; row < view.size(); row++) {
                writer.accept(view.event(row));
            }
            if (endNs.isPresent()) {
                writer.accept(new TraceEvent.End(endNs.getAsLong()));
            }
            writer.finish();
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
