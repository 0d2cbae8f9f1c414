package dev.lockscope.room;

import static dev.lockscope.run.Scenarios.ms;
import static dev.lockscope.run.Scenarios.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analysis.Summary;
import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.LockOps;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
/** Delivery accounting, member queues, reloads and live changes, each computed by hand. */
class RoomBehaviourTest {

    private static Recorder run(Scenario s) throws Exception {
        Recorder r = new Recorder();
        Simulation.run(s, r);
        return r;
    }

    private static Summary summary(Recorder r, Scenario s) {
        SummaryAnalyzer a = new SummaryAnalyzer(s.name(), s.durationNs());
        r.events.forEach(a::accept);
        return a.summary();
    }

    @Test
    void concurrentSendsReorderWhenASlowMemberGetsFast() throws Exception {
        // bob: 2000 ms, then 30 ms from t=1000. Messages 1 (t=0) and 2 (t=500) land at 2000 and 2500, after
        // messages 3 (1030) and 4 (1530): two violations. The sequence for bob: 3, 4, 1, 5, 2, 6.
        Scenario s = room().member("bob", 2000).period(500).duration(2600).strategy(Strategy.GOROUTINE_PER_SEND)
                .at(1000, new Command.SetMember("bob", OptionalLong.of(ms(30)), OptionalLong.empty())).build();
        Recorder r = run(s);
        assertThat(r.of(TraceEvent.Deliver.class).map(TraceEvent.Deliver::msg)).containsExactly(3L, 4L, 1L, 5L, 2L, 6L);
        assertThat(summary(r, s).delivery().orderViolations()).isEqualTo(2);
    }

    @Test
    void fullMemberQueueDropsTheOldestMessage() throws Exception {
        // slow (1000 ms) gets message 1 at once; its queue of 3 then overflows on every broadcast from 400 to 900
        // (6 drops: 2..7); at 1000 the writer takes 8, and broadcasts 1100..1900 drop 9 more.
        Scenario s = room().member("a", 10).member("slow", 1000).period(100).duration(2000)
                .strategy(Strategy.MEMBER_QUEUE).queueLimit(3).build();
        Recorder r = run(s);
        List<Long> dropped = r.of(TraceEvent.Drop.class).map(TraceEvent.Drop::msg).toList();
        assertThat(dropped).containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L);
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> d.member().equals("slow")).map(TraceEvent.Deliver::msg))
                .containsExactly(1L);
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> d.member().equals("a"))).hasSize(20);
        Summary sum = summary(r, s);
        assertThat(sum.delivery().dropped()).isEqualTo(15);
        assertThat(sum.delivery().orderViolations()).isZero();
    }

    @Test
    void reloadsCascadeBehindTheSlowMember() throws Exception {
        // a 10 ms, slow 3000 ms, a broadcast every 1000 ms holds the read lock 3010 ms. slow hears nothing and
        // reloads at 2500: its Remove waits for broadcasts 0, 1000, 2000 (until 5010), and broadcasts 3000..5000
        // queue behind it, so a hears nothing after 2010 and reloads at 4510. At 5010 slow is removed and the
        // three queued broadcasts enter (a only: they leave at 5020); a's Remove waits for them, then slow's Add.
        Scenario s = room().member("a", 10).member("slow", 3000).period(1000).duration(5500).reloadAfter(2500)
                .build();
        Recorder r = run(s);
        assertThat(r.of(TraceEvent.MemberEvent.class).map(e -> e.time() / 1_000_000 + " " + e.member() + " "
                + e.change().id())).containsExactly(
                "0 a join", "0 slow join", "2500 slow reload", "4510 a reload", "5010 slow leave", "5020 a leave",
                "5020 slow join", "5020 a join");
        LockOps ops = LockOps.of(r.events);
        assertThat(ops.waits.get("Remove")).containsExactly(2510.0, 510.0);
        assertThat(ops.waits.get("Add")).containsExactly(10.0, 0.0);
        assertThat(ops.waits.get("Broadcast")).containsExactly(0.0, 0.0, 0.0, 2010.0, 1010.0, 10.0);
    }

    @Test
    void aLeaveRemovesTheMemberFromLaterBroadcasts() throws Exception {
        Scenario s = room().member("a", 10).member("b", 10).period(100).duration(400)
                .at(150, new Command.Leave("b")).build();
        Recorder r = run(s);
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> d.member().equals("b")).map(TraceEvent.Deliver::msg))
                .containsExactly(1L, 2L);
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> d.member().equals("a"))).hasSize(4);
    }

    @Test
    void aStrategyChangeAppliesToBroadcastsThatStartAfterIt() throws Exception {
        // Sequential broadcasts hold 600 ms; from t=1000 snapshot holds for no time.
        Scenario s = room().member("slow", 600).period(200).duration(2000)
                .at(1000, new Command.SetStrategy(Strategy.SNAPSHOT)).build();
        LockOps ops = LockOps.of(run(s).events);
        assertThat(ops.holds.get("Broadcast")).containsExactlyInAnyOrder(600.0, 600.0, 600.0, 600.0, 600.0, 0.0, 0.0,
                0.0, 0.0, 0.0);
    }

    @Test
    void aPeriodChangeSchedulesTheNextBroadcastOneNewPeriodAfterTheLast() throws Exception {
        Scenario s = room().member("a", 1).period(500).duration(1000)
                .at(600, new Command.SetBroadcastPeriod(ms(100))).build();
        assertThat(run(s).of(TraceEvent.Spawn.class).filter(x -> x.kind().equals("Broadcast"))
                .map(x -> x.time() / 1_000_000)).containsExactly(0L, 500L, 600L, 700L, 800L, 900L);
    }

    @Test
    void deliveryLatencyCountsFromTheBroadcastStartIncludingTheWait() throws Exception {
        Scenario s = room().member("a", 20).member("b", 30).member("c", 600).period(200).duration(3000)
                .join(1010, "d", 10).build();
        Summary sum = summary(run(s), s);
        // Broadcast 1200 enters at 1650 and reaches d, appended last, after 20 + 30 + 600 + 10: 1110 ms after it
        // started.
        assertThat(sum.delivery().latencyMs().maxMs()).isEqualTo(1110.0);
        assertThat(sum.ops().get("Add").waitMs().maxMs()).isEqualTo(640.0);
        assertThat(sum.ops().get("Broadcast").waitMs().maxMs()).isEqualTo(450.0);
    }
}
