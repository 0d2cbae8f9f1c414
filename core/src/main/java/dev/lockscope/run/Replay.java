package dev.lockscope.run;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.scenario.Scenario;
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
    }

    /**
     * Re-simulates {@code scenario} with {@code liveCommands} (in recorded order) into {@code sink}, up to
     * {@code endNs}, where the recording's {@code End} event was.
     */
    public static void run(Scenario scenario, List<TraceEvent.CommandApplied> liveCommands, long endNs, EventSink sink)
            throws InputException {
        Iterator<TraceEvent.CommandApplied> commands = liveCommands.iterator();
        run(scenario, new Recording() {
            @Override
            public TraceEvent.CommandApplied nextLiveCommand() {
                return commands.hasNext() ? commands.next() : null;
            }

            @Override
            public long endNs() {
                return endNs;
            }
        }, sink);
    }

    /**
     * Re-simulates {@code scenario} with the recording's live commands into {@code sink}, up to its end.
     *
     * @throws IllegalStateException if a recorded command does not fit the re-simulation (its step comes before
     *                               the re-run's now, or its time is not the re-run's at that step)
     */
    public static void run(Scenario scenario, Recording recording, EventSink sink) throws InputException {
        Simulation sim = Simulation.start(scenario, sink);
        for (TraceEvent.CommandApplied c = recording.nextLiveCommand(); c != null; c = recording.nextLiveCommand()) {
            if (!c.live()) {
                continue;
            }
            sim.runSteps(c.step());
            if (c.time() < sim.now() || c.time() > sim.nextTime()) {
                throw new IllegalStateException("recorded command at step " + c.step() + ", t=" + c.time()
                        + " does not fit the re-simulation (now " + sim.now() + ")");
            }
            sim.applyLiveAt(c.time(), c.command());
        }
        sim.runUntil(recording.endNs());
        sim.end();
    }
}
