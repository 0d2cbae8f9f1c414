package dev.lockscope.run;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.util.Millis;
import java.util.List;

/**
 * Re-runs a recorded run: the scenario from its header and the live commands it recorded, each applied after the
 * same number of kernel steps and at the same instant as before. For every trace Lockscope writes, the events
 * are the same as the recording's.
 */
public final class Replay {
    private Replay() {}

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
        Simulation sim = Simulation.start(scenario, sink);
        for (TraceEvent.CommandApplied c : liveCommands) {
            if (!c.live()) {
                continue;
            }
            if (!sim.runSteps(c.step(), watch)) {
                return false;
            }
            if (sim.isEnded() || c.time() < sim.now() || c.time() > sim.nextTime() || sim.steps() != c.step()) {
                throw new InputException(source, 0, "command", "the live command recorded at step " + c.step()
                        + ", t=" + Millis.exact(c.time()) + " ms does not fit the re-run, which is at step "
                        + sim.steps() + ", t=" + Millis.exact(sim.now()) + " ms there (next event at "
                        + Millis.exact(sim.nextTime()) + " ms): was the trace edited?");
            }
            sim.applyLiveAt(c.time(), c.command());
        }
        if (!sim.runUntil(endNs, watch)) {
            return false;
        }
        sim.end();
        return true;
    }
}
