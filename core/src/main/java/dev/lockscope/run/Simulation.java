package dev.lockscope.run;

import dev.lockscope.detect.DetectorHost;
import dev.lockscope.detect.Detectors;
import dev.lockscope.detect.LiveState;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.model.Command;
import dev.lockscope.room.Room;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.ScriptCheck;
import dev.lockscope.scenario.ScriptSpec;
import dev.lockscope.scenario.TimedCommand;
import dev.lockscope.script.ScriptWorld;
import dev.lockscope.sim.Kernel;
import dev.lockscope.sim.Priority;
import dev.lockscope.sim.World;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One run of a scenario: kernel, world (room or script) and detectors wired to a sink. This is the only way
 * the outside changes a run: {@link #applyLive} posts a command at the current instant, and the command is
 * recorded in the event stream with the kernel's step count, so that {@link Replay} can apply it again at
 * exactly the same point.
 *
 * <p>The run covers virtual time [0, duration): tasks due at the duration or later do not run. It ends with an
 * {@code End} event at the duration, after which the sink is finished.
 *
 * <p>Not thread-safe: one thread drives a simulation (the app's simulation thread, or the caller of
 * {@link #runToEnd}).
 */
public final class Simulation {
    private final Scenario scenario;
    private final Kernel kernel;
    private final World world;
    private final Detectors detectors;
    private final EventSink sink;
    private boolean ended;

    private Simulation(Scenario scenario, EventSink sink) {
        this.scenario = scenario;
        this.sink = sink;
        // The kernel needs its sink before the detectors exist, and the detectors need the kernel to schedule
        // their checks: the sink reads both targets from this array, filled in just below.
        EventSink[] downstream = new EventSink[2];
        this.kernel = new Kernel(scenario.seed(), e -> {
            downstream[0].accept(e);
            downstream[1].accept(e);
        });
        this.detectors = new Detectors(scenario.detector(), new DetectorHost() {
            @Override
            public void atEndOf(long timeNs, Runnable check) {
                kernel.schedule(timeNs, Priority.LATE, check::run);
            }

            @Override
            public void raise(TraceEvent.Alert alert) {
                kernel.emit(alert);
            }
        });
        downstream[0] = detectors;
        downstream[1] = sink;
        this.world = switch (scenario.body()) {
            case RoomSpec room -> new Room(kernel, room, scenario.lock());
            case ScriptSpec script -> new ScriptWorld(kernel, script, scenario.lock());
        };
    }

    /**
     * Builds a run and takes it to t=0: locks and initial members exist, the first tasks are scheduled.
     *
     * @throws InputException if the scenario is well-formed but cannot run (a script that releases a lock it
     *                        does not hold)
     */
    public static Simulation start(Scenario scenario, EventSink sink) throws InputException {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(sink, "sink");
        if (scenario.body() instanceof ScriptSpec script) {
            var problem = ScriptCheck.check(script);
            if (problem.isPresent()) {
                throw new InputException(scenario.name(), 0, problem.get().field(), problem.get().message());
            }
        }
        Simulation sim = new Simulation(scenario, sink);
        sim.world.start();
        sim.scheduleScenarioEvents();
        return sim;
    }

    /** Runs a whole scenario into {@code sink}, then finishes it. */
    public static void run(Scenario scenario, EventSink sink) throws InputException {
        start(scenario, sink).runToEnd();
    }

    private void scheduleScenarioEvents() {
        List<TimedCommand> events = switch (scenario.body()) {
            case RoomSpec room -> room.events();
            case ScriptSpec script -> script.events();
        };
        // Stable: events at the same time keep file order.
        for (TimedCommand tc : events.stream().sorted(Comparator.comparingLong(TimedCommand::atNs)).toList()) {
            kernel.schedule(tc.atNs(), Priority.COMMAND, () -> apply(tc.command(), false));
        }
    }

    private void apply(Command command, boolean live) {
        kernel.emit(new TraceEvent.CommandApplied(kernel.now(), kernel.steps(), live, command));
        world.apply(command);
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The virtual clock, in nanoseconds. */
    public long now() {
        return kernel.now();
    }

    /** Kernel steps taken so far. */
    public long steps() {
        return kernel.steps();
    }

    public long durationNs() {
        return scenario.durationNs();
    }

    /** Goroutines alive now. */
    public int aliveGoroutines() {
        return kernel.aliveGoroutines();
    }

    /** What the detectors see: goroutines, holds, waits, blockers at the current instant. */
    public LiveState state() {
        return detectors.state();
    }

    /** Time of the next step, or the duration if nothing is due before it. */
    public long nextTime() {
        return Math.min(kernel.nextTime(), scenario.durationNs());
    }

    public boolean isEnded() {
        return ended;
    }

    /** Runs one step if one is due before the end; returns whether it did. */
    public boolean step() {
        if (ended || kernel.nextTime() >= scenario.durationNs()) {
            return false;
        }
        kernel.step();
        return true;
    }

    /** Runs every step due before {@code timeNs} (capped at the duration) and moves the clock there. */
    public void runUntil(long timeNs) {
        if (!ended) {
            kernel.runUntil(Math.min(timeNs, scenario.durationNs()));
        }
    }

    /** Runs to the duration, emits {@code End} and finishes the sink. */
    public void runToEnd() {
        runUntil(scenario.durationNs());
        end();
    }

    /**
     * Like {@link #runToEnd()}, asking {@code watch} between instants. Returns false if the watch stopped the
     * run: then every instant up to the clock is complete, no {@code End} is emitted and the sink is not
     * finished (the caller decides what to keep).
     */
    public boolean runToEnd(RunWatch watch) {
        if (!runUntil(scenario.durationNs(), watch)) {
            return false;
        }
        end();
        return true;
    }

    /**
     * Like {@link #runUntil(long)}, asking {@code watch} between instants; false if it stopped the run, with the
     * clock at the last complete instant.
     */
    public boolean runUntil(long timeNs, RunWatch watch) {
        long until = Math.min(timeNs, scenario.durationNs());
        while (!ended && kernel.nextTime() < until) {
            if (kernel.nextTime() > kernel.now() && !watch.proceed(kernel.now())) {
                return false;
            }
            kernel.step();
        }
        runUntil(until);
        return true;
    }

    /** Like {@link #runSteps(long)}, asking {@code watch} between instants; false if it stopped the run. */
    public boolean runSteps(long count, RunWatch watch) {
        while (kernel.steps() < count && !ended && kernel.nextTime() < scenario.durationNs()) {
            if (kernel.nextTime() > kernel.now() && !watch.proceed(kernel.now())) {
                return false;
            }
            kernel.step();
        }
        return true;
    }

    /** Emits {@code End} at the current instant and finishes the sink; a stopped live run ends here. */
    public void end() {
        if (!ended) {
            ended = true;
            kernel.emit(new TraceEvent.End(kernel.now()));
            sink.finish();
        }
    }

    /** Applies a command now, recorded as live. */
    public void applyLive(Command command) {
        if (ended) {
            throw new IllegalStateException("the run has ended");
        }
        apply(command, true);
    }

    /**
     * Moves the clock to {@code timeNs} (no step may be due before it) and applies a command there, recorded as
     * live; how the app applies a command at the paced "now" between two events.
     */
    public void applyLiveAt(long timeNs, Command command) {
        kernel.advanceTo(timeNs);
        applyLive(command);
    }

    /** Runs steps until {@code count} steps have been taken in all, or none is due before the end. */
    public void runSteps(long count) {
        while (kernel.steps() < count && step()) {
            // one step at a time
        }
    }
}
