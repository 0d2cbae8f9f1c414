package dev.lockscope.run;

import static dev.lockscope.run.Scenarios.ms;
import static dev.lockscope.run.Scenarios.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.Scenario;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Live commands are recorded with the step count, and re-running them reproduces the run event for event. */
class ReplayTest {

    private static Scenario article() {
        return room().member("ann", 20, 5).member("bob", 30, 5).period(200).duration(6000).reloadAfter(1500)
                .join(1000, "eve", 1200).build();
    }

    @Test
    void liveCommandsReplayToTheSameEvents() throws Exception {
        Recorder live = new Recorder();
        Simulation sim = Simulation.start(article(), live);
        // Commands at a paced instant between events, and right after a step, as the app posts them.
        sim.runUntil(ms(1234.5));
        sim.applyLive(new Command.SetMember("eve", OptionalLong.of(ms(3000)), OptionalLong.empty()));
        for (int i = 0; i < 37; i++) {
            sim.step();
        }
        sim.applyLive(new Command.SetStrategy(Strategy.GOROUTINE_PER_SEND));
        sim.runUntil(ms(4000));
        // At the very instant of the next task, before it runs.
        sim.applyLiveAt(sim.nextTime(), new Command.SetLock(LockSemantics.FAIR));
        sim.applyLive(new Command.Leave("bob"));
        sim.runUntil(ms(5000));
        sim.end();

        List<TraceEvent.CommandApplied> commands = live.of(TraceEvent.CommandApplied.class).toList();
        assertThat(commands).filteredOn(TraceEvent.CommandApplied::live).hasSize(4);
        long end = live.events.getLast().time();
        assertThat(end).isEqualTo(ms(5000));

        Recorder replayed = new Recorder();
        Replay.run(article(), commands, end, replayed);
        assertThat(replayed.events).isEqualTo(live.events);
        assertThat(replayed.finished).isTrue();
    }

    @Test
    void aLiveChangeChangesTheRun() throws Exception {
        Recorder plain = new Recorder();
        Simulation.run(article(), plain);
        Recorder changed = new Recorder();
        Simulation sim = Simulation.start(article(), changed);
        sim.runUntil(ms(2000));
        sim.applyLive(new Command.SetStrategy(Strategy.SNAPSHOT));
        sim.runToEnd();
        assertThat(LockOps.of(changed.events).maxHold("Broadcast"))
                .isLessThan(LockOps.of(plain.events).maxHold("Broadcast"));
    }
}
