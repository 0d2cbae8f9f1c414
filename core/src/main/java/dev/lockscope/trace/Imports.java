package dev.lockscope.trace;

import dev.lockscope.event.EventSink;
import dev.lockscope.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs a {@link TraceImporter}: its events pass the checks every trace obeys ({@code EventChecks}, the rules the
 * trace reader applies to a file) on their way to a sink, a store or a trace file. A rule broken is one
 * {@link InputException} naming the source, the event's place and the field, like a bad line of a file.
 */
public final class Imports {
    private Imports() {}

    /**
     * Reads {@code importer} into {@code sink}, then finishes the sink. On an {@link InputException}, the sink has
     * seen the events before the bad one and is not finished.
     *
     * @return what was read; a source without an {@code End} event is reported as truncated, like a file
     */
    public static ReadResult read(TraceImporter importer, EventSink sink) throws InputException {
        EventChecks checks = new EventChecks(TraceLimits.DEFAULTS, importer.header().version());
        importer.read((event, where) -> {
            EventChecks.Problem problem = checks.check(event);
            if (problem != null) {
                throw new InputException(importer.source() + " (" + where + ")", 0, problem.field(),
                        problem.message());
            }
            sink.accept(event);
        });
        sink.finish();
        TraceFile.Header header = importer.header();
        if (!checks.ended()) {
            return new ReadResult(header, checks.events(), true, Optional.of(importer.source()
                    + ": the source ends without an end event (cut off?); recovered " + checks.events() + " events"));
        }
        return new ReadResult(header, checks.events(), false, Optional.empty());
    }

    /** Writes {@code importer}'s events to the trace file {@code target}, atomically. */
    public static ReadResult write(TraceImporter importer, Path target) throws InputException, IOException {
        try (TraceWriter writer = TraceWriter.atomic(target, importer.header())) {
            return read(importer, writer);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
