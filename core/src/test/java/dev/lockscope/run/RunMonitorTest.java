package dev.lockscope.run;

import static dev.lockscope.run.Scenarios.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analysis.LatencyStats;
import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.model.Command;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunMonitorTest {

    private static Scenario article() {
        return BuiltinScenarios.byName("article").orElseThrow();
    }

    @Test
    void wholeRunFiguresAreTheSummaryAnalyzers() throws Exception {
        RunMonitor monitor = new RunMonitor(article());
        SummaryAnalyzer analyzer = new SummaryAnalyzer(article().name(), article().durationNs());
        Simulation.run(article(), e -> {
            monitor.accept(e);
            analyzer.accept(e);
        });
        RunStatus status = monitor.status();
        assertThat(status.summary()).isEqualTo(analyzer.summary());
        assertThat(status.whole(Metric.ADD_WAIT_P99)).isEqualTo(analyzer.summary().ops().get("Add").waitMs().p99Ms());
        assertThat(status.whole(Metric.ALERTS)).isEqualTo(status.alertCount()).isPositive();
        assertThat(monitor.samples().size()).isEqualTo((int) (article().durationNs() / RunMonitor.SAMPLE_NS) + 1);
    }

    @Test
    void recentWaitsFallWhenTheFixGoesIn() throws Exception {
        RunMonitor monitor = new RunMonitor(article());
        Simulation sim = Simulation.start(article(), monitor);
        sim.runUntil(ms(20_000));
        double stalled = monitor.status().now(Metric.REMOVE_WAIT_P99);
        assertThat(stalled).isGreaterThan(1000);
        sim.applyLive(new Command.SetStrategy(Strategy.GOROUTINE_PER_SEND));
        sim.runUntil(ms(35_000));
        RunStatus fixed = monitor.status();
        assertThat(fixed.now(Metric.REMOVE_WAIT_P99)).isLessThan(100);
        assertThat(fixed.now(Metric.ADD_WAIT_P99)).isLessThan(100);
        assertThat(fixed.whole(Metric.REMOVE_WAIT_P99)).isGreaterThan(1000); // the whole run remembers
        assertThat(fixed.strategy()).contains(Strategy.GOROUTINE_PER_SEND);
    }

    @Test
    void membersFollowJoinsChangesAndSends() throws Exception {
        RunMonitor monitor = new RunMonitor(article());
        Simulation sim = Simulation.start(article(), monitor);
        sim.runUntil(ms(100));
        sim.applyLive(new Command.SetMember("bob", OptionalLong.of(ms(700)), OptionalLong.empty()));
        sim.runUntil(ms(5_200));
        RunStatus s = monitor.status();
        assertThat(s.members()).extracting(MemberStatus::name).containsExactly("ann", "bob", "cy", "dee", "eve");
        MemberStatus bob = s.members().get(1);
        assertThat(bob.latencyNs()).isEqualTo(ms(700));
        assertThat(bob.delivered()).isPositive();
        assertThat(s.members().get(4).latencyNs()).isEqualTo(ms(1800));
    }

    @Test
    void sitesCountWaitersHoldersAndSenders() throws Exception {
        RunMonitor monitor = new RunMonitor(article());
        Simulation sim = Simulation.start(article(), monitor);
        sim.runUntil(ms(8_000)); // the stall: broadcasts hold the read lock and send to eve, a Remove waits
        RunStatus s = monitor.status();
        assertThat(s.site("Room.Broadcast: r.membersMx.RLock()").holding()).isPositive();
        assertThat(s.site("Room.Broadcast: m.Send(msg)").busy()).isPositive();
        int waiting = s.sites().values().stream().mapToInt(SiteLoad::waiting).sum();
        assertThat(waiting).isEqualTo((int) s.now(Metric.WAITERS)).isPositive();
    }

    @Test
    void sitesCountGoroutinesBlockedOnPrimitivesApartFromSendsAndParks() throws Exception {
        Scenario script = dev.lockscope.scenario.ScenarioJson.read("t.json", new java.io.StringReader("""
                {"name": "t", "kind": "script", "durationMs": 100, "chans": [{"name": "ch"}],
                 "goroutines": [{"name": "a", "steps": ["ch <- 1"]}, {"name": "b", "steps": ["ch <- 2"]},
                                {"name": "c", "startMs": 50, "steps": ["<-ch"]}]}"""));
        RunMonitor monitor = new RunMonitor(script);
        Simulation sim = Simulation.start(script, monitor);
        sim.runUntil(ms(10)); // a and b blocked sending, nobody receives yet
        assertThat(monitor.status().site("a #1: ch <- 1")).isEqualTo(new SiteLoad(0, 0, 0, 1));
        assertThat(monitor.status().site("b #1: ch <- 2")).isEqualTo(new SiteLoad(0, 0, 0, 1));
        sim.runUntil(ms(60)); // c took a's value: a ran on and exited, b is still blocked
        assertThat(monitor.status().site("a #1: ch <- 1")).isEqualTo(SiteLoad.NONE);
        assertThat(monitor.status().site("b #1: ch <- 2").blocked()).isEqualTo(1);
    }

    @Test
    void liveHistogramsAreExactWhileSmallAndCloseAfter() {
        LatencyStats h = new LatencyStats(WindowedLatency.EXACT_PER_SLICE);
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1_000_000L);
        }
        assertThat(h.percentileNs(99)).isEqualTo(99_000_000L);
        assertThat(h.percentileNs(50)).isEqualTo(50_000_000L);
        for (int i = 101; i <= 10_000; i++) {
            h.record(i * 1_000_000L);
        }
        assertThat(h.isExact()).isFalse();
        assertThat((double) h.percentileNs(99)).isCloseTo(9_900_000_000.0, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(h.percentileNs(100)).isEqualTo(10_000_000_000L);
    }

    @Test
    void mergedHistogramsReadAsOne() {
        LatencyStats small = new LatencyStats(4);
        LatencyStats exact = new LatencyStats(4);
        for (int i = 1; i <= 6; i++) {
            small.record(i * 1_000_000L); // 6 > 4: kept as a histogram
        }
        exact.record(7_000_000L);

        LatencyStats exactOnly = LatencyStats.merge(new LatencyStats[] {exact, null}, new long[] {3_000_000L});
        assertThat(exactOnly.isExact()).isTrue();
        assertThat(exactOnly.percentileNs(50)).isEqualTo(3_000_000L);

        LatencyStats all = LatencyStats.merge(new LatencyStats[] {small, exact}, new long[] {8_000_000L});
        assertThat(all.count()).isEqualTo(8);
        assertThat(all.maxNs()).isEqualTo(8_000_000L);
        assertThat(all.sumNs()).isEqualTo(java.math.BigInteger.valueOf(36_000_000L));
        assertThat((double) all.percentileNs(50)).isCloseTo(4_000_000.0, org.assertj.core.data.Percentage.withPercentage(0.1));

        small.clear();
        assertThat(small.count()).isZero();
        assertThat(small.isExact()).isTrue();
    }

    @Test
    void aWindowForgetsOldDurations() {
        WindowedLatency w = new WindowedLatency(ms(5000), 10);
        w.record(ms(1000), ms(900));
        w.record(ms(7000), ms(10));
        assertThat(w.at(ms(5000), new long[0]).maxNs()).isEqualTo(ms(900));
        assertThat(w.at(ms(7000), new long[0]).maxNs()).isEqualTo(ms(10));
        assertThat(w.at(ms(7000), new long[] {ms(30)}).percentileNs(99)).isEqualTo(ms(30));
    }

    /** A wait on a channel is a wait, as the summary counts it: a channel bug's stall shows in the figures. */
    @Test
    void waitsOnChannelsCountAsWaits() throws Exception {
        // receiver waits 30 ms for sender's value; leaker waits from 40 ms on a channel nobody sends on.
        Scenario script = dev.lockscope.scenario.ScenarioJson.read("t.json", new java.io.StringReader("""
                {"name": "t", "kind": "script", "durationMs": 100, "chans": [{"name": "ch"}, {"name": "never"}],
                 "goroutines": [{"name": "receiver", "steps": ["<-ch"]},
                                {"name": "sender", "startMs": 30, "steps": ["ch <- 1"]},
                                {"name": "leaker", "startMs": 40, "steps": ["<-never"]}]}
                """));
        RunMonitor monitor = new RunMonitor(script);
        Simulation.run(script, monitor);

        RunStatus s = monitor.status();
        assertThat(s.whole(Metric.WAIT_MAX)).isEqualTo(30.0); // the receiver's, ended
        assertThat(s.now(Metric.WAIT_MAX)).isEqualTo(60.0); // the leaker's, still going at 100 ms
    }

    @Test
    void durationsThatHaveNotEndedAreNoFigureOfTheWholeRunYet() throws Exception {
        // g1 takes L at once (a wait of 0) and never lets go; g2 asks at 10 ms and is still waiting at 100 ms.
        Scenario script = Scripts.script().mutex("L").duration(100)
                .go("g1", 0, "lock L")
                .go("g2", 10, "lock L").build();
        RunMonitor monitor = new RunMonitor(script);
        Simulation.run(script, monitor);

        RunStatus s = monitor.status();
        assertThat(s.now(Metric.WAIT_MAX)).isEqualTo(90.0); // g2's age so far
        assertThat(s.whole(Metric.WAIT_MAX)).isEqualTo(0.0); // g1's wait, the one that ended
        assertThat(s.whole(Metric.HOLD_P99)).as("no hold ended").isNaN();
        assertThat(s.whole(Metric.DELIVERY_P99)).as("no delivery").isNaN();
    }

    @Test
    void aScriptIsNotTheRoomAndItsFiguresCoverEveryLock() throws Exception {
        // g1 holds L for 30 ms; g2 asks at 10 ms and waits 20 ms; g3 asks at 20 ms and waits 20 ms behind g2.
        Scenario script = Scripts.script().mutex("L").duration(100)
                .go("g1", 0, "lock L", "sleep 30", "unlock L")
                .go("g2", 10, "lock L", "sleep 10", "unlock L")
                .go("g3", 20, "lock L", "unlock L").build();
        RunMonitor monitor = new RunMonitor(script);
        Simulation.run(script, monitor);

        RunStatus s = monitor.status();
        assertThat(s.isRoom()).isFalse();
        assertThat(s.whole(Metric.WAIT_MAX)).isEqualTo(20.0);
        assertThat(s.whole(Metric.WAIT_P50)).isEqualTo(20.0);
        assertThat(s.whole(Metric.HOLD_P99)).isEqualTo(30.0);
        assertThat(Metric.WAIT_P99.appliesTo(false)).isTrue();
        assertThat(Metric.ADD_WAIT_P99.appliesTo(false)).isFalse();
        assertThat(Metric.ALERTS.appliesTo(true)).isTrue();
    }
}
