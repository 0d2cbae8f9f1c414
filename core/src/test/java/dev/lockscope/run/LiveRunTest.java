package dev.lockscope.run;

import static dev.lockscope.run.Scenarios.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.trace.TraceReader;
import dev.lockscope.trace.store.TraceView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run driven by hand: a manual wall clock and {@link LiveRun#pump()} instead of its thread, so every
 * outcome follows from the clock readings and the requests.
 */
class LiveRunTest {
    private static final long SECOND = 1_000_000_000L;

    /** A wall clock the test moves. */
    private static final class ManualClock implements LiveRun.Clock {
        long now = 1_000 * SECOND;

        @Override
        public long nanoTime() {
            return now;
        }

        void advance(long ns) {
            now += ns;
        }
    }

    private final ManualClock clock = new ManualClock();

    private static Scenario article() {
        return BuiltinScenarios.byName("article").orElseThrow();
    }

    private LiveRun run(Scenario scenario, boolean playing, Speed speed) throws Exception {
        return LiveRun.create(scenario, LiveRun.Options.defaults().withClock(clock).withPlaying(playing)
                .withSpeed(speed));
    }

    private static List<TraceEvent> events(TraceView view) {
        List<TraceEvent> out = new ArrayList<>();
        for (int row = 0; row < view.size(); row++) {
            out.add(view.event(row));
        }
        return out;
    }

    private static List<TraceEvent> events(LiveRun run) {
        return events(run.snapshot().store().view());
    }

    private static void pumpUntilPaused(LiveRun run) {
        for (int i = 0; i < 10_000 && run.snapshot().mode() == LiveRun.Mode.SEEKING || i == 0; i++) {
            run.pump();
        }
    }

    @Test
    void virtualTimeFollowsTheWallClockAtTheSpeed() throws Exception {
        LiveRun run = run(article(), true, Speed.of(2));
        run.pump();
        clock.advance(SECOND);
        run.pump();
        assertThat(run.snapshot().nowNs()).isEqualTo(2 * SECOND);
        run.setSpeed(Speed.of(0.5));
        clock.advance(2 * SECOND);
        run.pump();
        assertThat(run.snapshot().nowNs()).isEqualTo(3 * SECOND);
    }

    @Test
    void pauseStopsProgressAndPlayResumesFromThere() throws Exception {
        LiveRun run = run(article(), true, Speed.REAL_TIME);
        clock.advance(SECOND);
        run.pause();
        clock.advance(10 * SECOND);
        run.pump();
        long paused = run.snapshot().nowNs();
        assertThat(paused).isEqualTo(SECOND);
        int rows = run.snapshot().store().size();
        clock.advance(10 * SECOND);
        run.pump();
        assertThat(run.snapshot().nowNs()).isEqualTo(paused);
        assertThat(run.snapshot().store().size()).isEqualTo(rows);
        assertThat(run.snapshot().mode()).isEqualTo(LiveRun.Mode.PAUSED);

        run.play();
        clock.advance(SECOND);
        run.pump();
        assertThat(run.snapshot().nowNs()).isEqualTo(2 * SECOND);
    }

    @Test
    void commandsApplyAtTheVirtualInstantTheyWerePostedAt() throws Exception {
        LiveRun run = run(article(), true, Speed.REAL_TIME);
        clock.advance(1500 * 1_000_000L);
        run.post(new Command.SetStrategy(Strategy.GOROUTINE_PER_SEND));
        clock.advance(SECOND);
        run.pump();
        List<TraceEvent.CommandApplied> applied = events(run).stream()
                .filter(e -> e instanceof TraceEvent.CommandApplied c && c.live())
                .map(TraceEvent.CommandApplied.class::cast).toList();
        assertThat(applied).singleElement().satisfies(c -> {
            assertThat(c.time()).isEqualTo(ms(1500));
            assertThat(c.command()).isEqualTo(new Command.SetStrategy(Strategy.GOROUTINE_PER_SEND));
        });
        assertThat(run.snapshot().status().strategy()).contains(Strategy.GOROUTINE_PER_SEND);
        assertThat(run.snapshot().nowNs()).isEqualTo(ms(2500));
    }

    @Test
    void aPausedRunAppliesCommandsAtItsCurrentInstant() throws Exception {
        LiveRun run = run(article(), false, Speed.REAL_TIME);
        run.runTo(ms(700));
        pumpUntilPaused(run);
        run.post(new Command.SetMember("ann", OptionalLong.of(ms(900)), OptionalLong.empty()));
        clock.advance(SECOND);
        run.pump();
        TraceEvent last = events(run).getLast();
        assertThat(last).isInstanceOf(TraceEvent.CommandApplied.class);
        assertThat(last.time()).isEqualTo(ms(700));
        assertThat(run.snapshot().status().members().getFirst().latencyNs()).isEqualTo(ms(900));
    }

    @Test
    void stepEventRunsUntilSomethingHappens() throws Exception {
        LiveRun run = run(article(), false, Speed.REAL_TIME);
        run.pump();
        int rows = run.snapshot().store().size();
        long steps = run.snapshot().steps();
        run.stepEvent();
        run.pump();
        assertThat(run.snapshot().store().size()).isGreaterThan(rows);
        assertThat(run.snapshot().steps()).isGreaterThan(steps);
        assertThat(run.snapshot().mode()).isEqualTo(LiveRun.Mode.PAUSED);
    }

    @Test
    void stepAlertStopsRightAfterTheNextAlert() throws Exception {
        LiveRun run = run(article(), false, Speed.REAL_TIME);
        run.stepAlert();
        pumpUntilPaused(run);
        LiveRun.Snapshot s = run.snapshot();
        assertThat(s.mode()).isEqualTo(LiveRun.Mode.PAUSED);
        assertThat(s.alerts().size()).isEqualTo(1);
        TraceEvent.Alert alert = s.alerts().since(0).getFirst();
        assertThat(s.nowNs()).isEqualTo(alert.time());
        assertThat(events(run).getLast()).isEqualTo(alert);
    }

    @Test
    void maxSpeedRunsToTheEndAndMatchesABatchRun() throws Exception {
        LiveRun run = run(article(), true, Speed.MAX);
        for (int i = 0; i < 1000 && run.snapshot().mode() != LiveRun.Mode.ENDED; i++) {
            run.pump();
        }
        assertThat(run.snapshot().mode()).isEqualTo(LiveRun.Mode.ENDED);
        assertThat(run.snapshot().nowNs()).isEqualTo(article().durationNs());
        Recorder batch = new Recorder();
        Simulation.run(article(), batch);
        assertThat(events(run)).isEqualTo(batch.events);
        SummaryAnalyzer analyzer = new SummaryAnalyzer(article().name(), article().durationNs());
        batch.events.forEach(analyzer::accept);
        assertThat(run.snapshot().status().summary()).isEqualTo(analyzer.summary());
    }

    @Test
    void aSavedLiveRunReplaysToTheSameEvents(@TempDir Path dir) throws Exception {
        LiveRun run = run(article(), true, Speed.REAL_TIME);
        clock.advance(ms(5200));
        run.post(new Command.SetMember("eve", OptionalLong.of(ms(100)), OptionalLong.empty()));
        clock.advance(ms(1800));
        run.post(new Command.SetStrategy(Strategy.SNAPSHOT));
        run.pump();
        run.pause();
        run.stepEvent();
        run.pump();
        var save = run.savePoint();
        run.pump();
        Path file = dir.resolve("live.jsonl.gz");
        save.join().writeTo(file);

        Recorder read = new Recorder();
        var result = TraceReader.read(file, read);
        assertThat(result.truncated()).isFalse();
        List<TraceEvent> live = events(run);
        assertThat(read.events.subList(0, read.events.size() - 1)).isEqualTo(live);

        Recorder replayed = new Recorder();
        List<TraceEvent.CommandApplied> commands = read.of(TraceEvent.CommandApplied.class).toList();
        Replay.run(result.header().scenario().orElseThrow(), commands, read.events.getLast().time(), replayed);
        assertThat(replayed.events).isEqualTo(read.events);
    }

    @Test
    void whatIfReSimulatesToTheForkThenGoesLive() throws Exception {
        LiveRun original = run(article(), true, Speed.REAL_TIME);
        clock.advance(ms(3000));
        original.post(new Command.SetMember("ann", OptionalLong.of(ms(400)), OptionalLong.empty()));
        clock.advance(ms(6000));
        original.pump();
        List<TraceEvent> recorded = events(original);
        List<TraceEvent.CommandApplied> commands = recorded.stream()
                .filter(TraceEvent.CommandApplied.class::isInstance).map(TraceEvent.CommandApplied.class::cast).toList();

        long fork = ms(7000);
        LiveRun whatIf = LiveRun.whatIf(article(), commands, fork,
                LiveRun.Options.defaults().withClock(clock).withPlaying(false));
        whatIf.pump();
        List<TraceEvent> prefix = recorded.stream().filter(e -> e.time() <= fork).toList();
        assertThat(events(whatIf)).isEqualTo(prefix);
        assertThat(whatIf.snapshot().nowNs()).isEqualTo(fork);

        whatIf.post(new Command.SetStrategy(Strategy.GOROUTINE_PER_SEND));
        whatIf.pump();
        assertThat(events(whatIf).getLast()).isEqualTo(
                new TraceEvent.CommandApplied(fork, whatIf.snapshot().steps(), true,
                        new Command.SetStrategy(Strategy.GOROUTINE_PER_SEND)));
    }

    @Test
    void resetStartsAgainWithANewStore() throws Exception {
        LiveRun run = run(article(), true, Speed.REAL_TIME);
        clock.advance(ms(2000));
        run.pump();
        var oldStore = run.snapshot().store();
        run.reset();
        run.pump();
        LiveRun.Snapshot s = run.snapshot();
        assertThat(s.generation()).isEqualTo(1);
        assertThat(s.store()).isNotSameAs(oldStore);
        assertThat(s.nowNs()).isZero();
        assertThat(s.mode()).isEqualTo(LiveRun.Mode.PLAYING);
        assertThat(events(oldStore.view()).getLast()).isInstanceOf(TraceEvent.End.class);
    }

    @Test
    void aRecordingHoldsEveryEventAndEndsWhenTheRunEnds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rec.jsonl");
        LiveRun run = LiveRun.create(article(), LiveRun.Options.defaults().withClock(clock).withRecordTo(file));
        clock.advance(ms(4000));
        run.pump();
        Recorder partial = new Recorder();
        var cut = TraceReader.read(file, partial);
        assertThat(cut.truncated()).isTrue();
        assertThat(partial.events).isEqualTo(events(run));

        run.setSpeed(Speed.MAX);
        for (int i = 0; i < 1000 && run.snapshot().mode() != LiveRun.Mode.ENDED; i++) {
            run.pump();
        }
        Recorder whole = new Recorder();
        assertThat(TraceReader.read(file, whole).truncated()).isFalse();
        assertThat(whole.events).isEqualTo(events(run));
    }

    @Test
    void recordingCanStartMidRun(@TempDir Path dir) throws Exception {
        LiveRun run = run(article(), true, Speed.REAL_TIME);
        clock.advance(ms(3000));
        run.pump();
        Path file = dir.resolve("later.jsonl.gz");
        var started = run.startRecording(file);
        clock.advance(ms(1000));
        run.pump();
        assertThat(started.join()).isEqualTo(file);
        run.close();
        run.pump();
        Recorder whole = new Recorder();
        assertThat(TraceReader.read(file, whole).truncated()).isFalse();
        assertThat(whole.events).isEqualTo(events(run));
        assertThat(run.snapshot().mode()).isEqualTo(LiveRun.Mode.ENDED);
    }

    @Test
    void theThreadRunsToTheEndAtMaxSpeed() throws Exception {
        LiveRun run = LiveRun.start(article(), LiveRun.Options.defaults().withSpeed(Speed.MAX));
        for (int i = 0; i < 500 && run.snapshot().mode() != LiveRun.Mode.ENDED; i++) {
            Thread.sleep(20);
        }
        assertThat(run.snapshot().mode()).isEqualTo(LiveRun.Mode.ENDED);
        assertThat(run.snapshot().nowNs()).isEqualTo(article().durationNs());
        run.close();
    }
}
