package dev.lockscope.run;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.io.InputException;
import dev.lockscope.scenario.Scenario;
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
        Simulation sim = Simulation.start(scenario, sink);
        for (TraceEvent.CommandApplied c : liveCommands) {
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
        sim.runUntil(endNs);
        sim.end();
    }
}
