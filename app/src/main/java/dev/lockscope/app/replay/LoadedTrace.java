package dev.lockscope.app.replay;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.run.MetricSample;
import dev.lockscope.run.RunMonitor;
import dev.lockscope.run.RunStatus;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceFile;
import dev.lockscope.trace.store.TraceStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trace file read into memory for replay: its events in a store, and what a monitor made of them.
 *
 * @param header   who produced the trace; a simulation's header carries its scenario
 * @param name     the trace's name for people (the scenario's, the producer's or the file's)
 * @param commands the commands the run applied, in order (a what-if re-simulates the live ones)
 * @param endNs    the time of the last event (the {@code End} event's, unless the file was cut off)
 * @param warning  why the file looks cut off, if it does
 * @param status   the state after the last event
 */
public record LoadedTrace(Path file, TraceFile.Header header, String name, TraceStore store,
                          List<MetricSample> samples, List<TraceEvent.CommandApplied> commands, long endNs,
                          Optional<String> warning, RunStatus status) {
    public LoadedTrace {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(store, "store");
        samples = List.copyOf(samples);
        commands = List.copyOf(commands);
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(status, "status");
    }

    /** A monitor that has seen none of the trace yet: a simulation's knows its room, any other only its name. */
    public RunMonitor newMonitor() {
        return newMonitor(header, name);
    }

    /** A monitor for a trace with this header and name, before its first event. */
    static RunMonitor newMonitor(TraceFile.Header header, String name) {
        return header.scenario().map(RunMonitor::new).orElseGet(() -> new RunMonitor(name));
    }

    /** The scenario of a simulated trace: what replay's "what if from here" re-runs. */
    public Optional<Scenario> scenario() {
        return header.scenario();
    }
}
