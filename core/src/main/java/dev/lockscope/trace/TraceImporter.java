package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;

/**
 * A source of trace events that is not a Lockscope trace file: a JFR recording, a live connection to a tracked
 * program, another tool's format. {@link Imports} runs an importer's events through the same checks the trace
 * reader applies to a file's lines, so whatever reaches the store, the summary or the detectors obeys one set
 * of rules (docs/trace-format.md) whoever produced it.
 *
 * <p>An importer produces events in time order, with goroutine ids from 1 and lock ids from 0, declares a lock
 * ({@code LockCreated}) and a goroutine ({@code Spawn}) before their first use, pairs releases with holds, and
 * ends with {@code End} when its source is complete (a source cut off early simply stops): the consistency rules
 * of docs/trace-format.md, which {@link Imports} enforces as the reader does.
 */
public interface TraceImporter {

    /** The header of the trace this source makes: its producer and details; never a simulation's. */
    TraceFile.Header header();

    /** What is read, for messages: a path, or an address. */
    String source();

    /**
     * Reads the source, handing each event to {@code events} in order. {@code events} throws on the first event
     * that breaks a rule; the importer lets that exception through.
     *
     * @throws InputException if the source cannot be read or is not what the importer expects
     */
    void read(Events events) throws InputException;

    /** Where an importer puts its events. */
    @FunctionalInterface
    interface Events {
        /**
         * Takes one event.
         *
         * @param where the event's place in the source, for messages ("event 1234", "chunk 3")
         * @throws InputException naming the source, {@code where} and the rule the event breaks
         */
        void accept(TraceEvent event, String where) throws InputException;
    }
}
