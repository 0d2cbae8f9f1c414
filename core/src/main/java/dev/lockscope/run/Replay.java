package dev.lockscope.run;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.util.Millis;
import java.util.Iterator;
import java.util.List;

/**
 * Re-runs a recorded run: the scenario from its header and the live commands it recorded, each applied after the
 * same number of kernel steps and at the same instant as before. For every trace Lockscope writes, the events
 * are the same as the recording's.
 */
public final class Replay {
    private Replay() {}

    /**
     * A recording's live commands, in recorded order, and where it ended; pulled as the re-run needs them, so that
     * a recording read from a file need not be held in memory.
     */
    public interface Recording {
        /** The next live command, or {@code null} when there is none left. */
        TraceEvent.CommandApplied nextLiveCommand() throws InputException;

        /** The time of the recording's {@code End} event; asked once {@link #nextLiveCommand} has returned null. */
        long endNs() throws InputException;

        /** The file's line of the command {@link #nextLiveCommand} returned last, for errors; 0 when unknown. */
        default int line() {
            return 0;
        }
    }

    /**
     * Re-simulates {@code scenario} with {@code liveCommands} (in recorded order) into {@code sink}, up to
     * {@code endNs}, where the recording's {@code End} event was.
     */
    public static void run(Scenario scenario, List<TraceEvent.CommandApplied> liveCommands, long endNs, EventSink sink)
            throws InputException {
        run(scenario.name(), scenario, liveCommands, endNs, sink);
    }

    /**
     * Like {@link #run(Scenario, List, long, EventSink)}; {@code source} (the trace file) names the input in
     * the error for a recorded command that cannot have happened in this run: one whose step or time the
     * re-simulation does not reach or has passed (a trace edited by hand, or of another version).
     */
    public static void run(String source, Scenario scenario, List<TraceEvent.CommandApplied> liveCommands, long endNs,
                           EventSink sink) throws InputException {
        run(source, scenario, liveCommands, endNs, sink, RunWatch.NONE);
    }

    /**
     * Like {@link #run(String, Scenario, List, long, EventSink)}, asking {@code watch} between instants; false if
     * it stopped the re-run (then without {@code End}, and the sink is not finished).
     */
    public static boolean run(String source, Scenario scenario, List<TraceEvent.CommandApplied> liveCommands,
                              long endNs, EventSink sink, RunWatch watch) throws InputException {
        Iterator<TraceEvent.CommandApplied> commands = liveCommands.iterator();
        return run(source, scenario, new Recording() {
            @Override
            public TraceEvent.CommandApplied nextLiveCommand() {
                return commands.hasNext() ? commands.next() : null;
            }

            @Override
            public long endNs() {
                return endNs;
            }
        }, sink, watch);
    }

    /**
     * Like {@link #run(String, Scenario, List, long, EventSink, RunWatch)}, with the live commands and the end
     * pulled from {@code recording} as the re-run reaches them.
     */
    public static boolean run(String source, Scenario scenario, Recording recording, EventSink sink, RunWatch watch)
            throws InputException {
        Simulation sim = Simulation.start(scenario, sink);
        for (TraceEvent.CommandApplied c = recording.nextLiveCommand(); c != null; c = recording.nextLiveCommand()) {
            if (!c.live()) {
                continue;
            }
            if (!sim.runSteps(c.step(), watch)) {
                return false;
            }
            if (sim.isEnded() || c.time() < sim.now() || c.time() > sim.nextTime() || sim.steps() != c.step()) {
                throw new InputException(source, recording.line(), "command", "the live command recorded at step "
                        + c.step() + ", t=" + Millis.exact(c.time()) + " ms does not fit the re-run, which is at step "
                        + sim.steps() + ", t=" + Millis.exact(sim.now()) + " ms there (next event at "
                        + Millis.exact(sim.nextTime()) + " ms): was the trace edited?");
            }
            sim.applyLiveAt(c.time(), c.command());
        }
        if (!sim.runUntil(recording.endNs(), watch)) {
            return false;
        }
        sim.end();
        return true;
    }
}
