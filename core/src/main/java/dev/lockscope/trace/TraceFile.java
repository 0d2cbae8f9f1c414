package dev.lockscope.trace;

import dev.lockscope.io.InputException;
import dev.lockscope.io.JsonValue;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScriptSpec;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Constants of the trace file format (docs/trace-format.md): JSON Lines, a header line, then one line per event,
 * gzip-compressed when the name ends in {@code .gz}.
 */
public final class TraceFile {
    /** The header's {@code format} value. */
    public static final String FORMAT = "lockscope-trace";
    /**
     * The newest format version this Lockscope writes and reads. A writer writes the lowest version whose events can
     * hold the run (see {@link #versionFor}), so that traces of locks alone stay readable by older Lockscopes.
     */
    public static final int VERSION = 3;
    /** The version of traces whose events are those of locks, goroutines and the room only (no primitives). */
    public static final int LOCKS_VERSION = 2;
    /** The {@code producer} of a simulated trace, the only one whose header carries its scenario. */
    public static final String SIMULATION = "lockscope-sim";
    /** The longest {@code producer} name accepted. */
    public static final int MAX_PRODUCER_LENGTH = 100;
    /**
     * The most events a trace may hold: readers refuse more, and {@link TraceWriter} stops before writing more, so
     * that every trace Lockscope writes can be read back (docs/trace-format.md, "Limits"). The store numbers rows
     * with {@code int}s and spills its full column chunks to mapped files (docs/trace-store.md, "Paging"), so the
     * bound is no longer the heap's 30 bytes an event: 200 million events, twice the 100 million measured to open
     * in a 2 GB heap (docs/benchmarks.md).
     */
    public static final long MAX_EVENTS = 200_000_000L;
    /** The header's {@code tool} value. */
    public static final String TOOL = "lockscope 0.1.0";

    private TraceFile() {}

    /**
     * The first line of a trace: who produced it and, for a simulation, the scenario that ran.
     *
     * <p>Invariants: {@code producer} is non-empty; the scenario is present exactly when the producer is
     * {@link #SIMULATION}; {@code details} is free-form, shown to people and never interpreted, except that a
     * string {@code details.name} names the trace.
     *
     * @param version  the format version the file was written in, 1 to {@link #VERSION} (version 1 headers have
     *                 no producer: they are simulations)
     * @param tool     the program that wrote the file, for people; not interpreted
     * @param producer what produced the events: {@link #SIMULATION}, {@code lockscope-go}, {@code lockscope-jvm},
     *                 {@code lockscope-jfr}, or any other name
     * @param scenario the scenario that was run, for a simulated trace
     * @param details  free-form facts about the producer's run (program, pid, start time...)
     */
    public record Header(int version, String tool, String producer, Optional<Scenario> scenario,
                         Optional<JsonValue.Obj> details) {
        public Header {
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(producer, "producer");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(details, "details");
            if (producer.isEmpty()) {
                throw new IllegalArgumentException("producer must not be empty");
            }
            if (scenario.isPresent() != producer.equals(SIMULATION)) {
                throw new IllegalArgumentException("a scenario goes with producer " + SIMULATION + " and only with it: "
                        + producer);
            }
        }

        /** The header this Lockscope writes for a simulation of {@code scenario}, at {@link #versionFor} it. */
        public static Header simulated(Scenario scenario) {
            return new Header(versionFor(scenario), TOOL, SIMULATION, Optional.of(scenario), Optional.empty());
        }

        /**
         * The header this Lockscope writes for events from another producer of locks' events (an import): version
         * {@link #LOCKS_VERSION}; {@link #withVersion} makes it {@link #VERSION} for one that records primitives.
         */
        public static Header produced(String producer, Optional<JsonValue.Obj> details) {
            return new Header(LOCKS_VERSION, TOOL, producer, Optional.empty(), details);
        }

        /** This header as read from a file of another format version, written by {@code fileTool}. */
        public Header withVersion(int fileVersion, String fileTool) {
            return new Header(fileVersion, fileTool, producer, scenario, details);
        }

        /** Whether the events come from Lockscope's simulation, so that the run can be replayed and forked. */
        public boolean isSimulated() {
            return scenario.isPresent();
        }

        /** The run's duration when the header knows it (a simulation's); else the last event's time stands for it. */
        public OptionalLong durationNs() {
            return scenario.isPresent() ? OptionalLong.of(scenario.get().durationNs()) : OptionalLong.empty();
        }

        /**
         * The scenario, for a feature that re-runs the simulation ({@code what}, e.g. "replay"); a trace from
         * another producer has none, which is bad input for that feature.
         */
        public Scenario requireScenario(String source, String what) throws InputException {
            return scenario.orElseThrow(() -> new InputException(source, 1, "producer", what
                    + " needs a simulated trace (producer " + SIMULATION + "), but this one was produced by "
                    + producer));
        }

        /**
         * The trace's name for people: the scenario's name, else {@code details.name}, else the file's name
         * without its extensions ({@code room.jsonl.gz} gives {@code room}).
         */
        public String name(Path file) {
            if (scenario.isPresent()) {
                return scenario.get().name();
            }
            if (details.isPresent() && details.get().fields().get("name") instanceof JsonValue.Str s
                    && !s.value().isBlank()) {
                return s.value();
            }
            String fileName = file.getFileName().toString();
            int dot = fileName.indexOf('.');
            return dot > 0 ? fileName.substring(0, dot) : fileName;
        }
    }

    /**
     * The version a simulation of {@code scenario} is written in: {@link #VERSION} for a room, whose strategy
     * programs may use sync primitives (parallel-wait's WaitGroup) at any moment of a run (a {@code set.strategy}, the
     * lab's switch), and for a script that uses channels or sync primitives (their events are new in version 3); else
     * {@link #LOCKS_VERSION}, which holds every event of locks and goroutines, so that such a trace reads in older
     * Lockscopes as before.
     */
    public static int versionFor(Scenario scenario) {
        return switch (scenario.body()) {
            case dev.lockscope.scenario.RoomSpec r -> VERSION;
            case ScriptSpec s -> s.usesPrimitives() ? VERSION : LOCKS_VERSION;
        };
    }

    /** Whether {@code fileName} asks for gzip compression. */
    static boolean isGzipName(String fileName) {
        return fileName.endsWith(".gz");
    }
}
