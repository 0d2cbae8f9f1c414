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
    void fullMemberQueueDropsTheNewMessage() throws Exception {
        // slow's writer (1000 ms sends) waits on its empty outbox from t=0 and takes message 1 at once. Messages 2,
        // 3, 4 fill the outbox of 3 (100..300); the broadcasts' non-blocking sends then drop 5..10 (400..900). At
        // 1000 the send of 1 ends first (scheduled at 0, before the tick scheduled at 900): the writer takes 2, so
        // 11 finds room, and 12..20 (1100..1900) are dropped.
        Scenario s = room().member("a", 10).member("slow", 1000).period(100).duration(2000)
                .strategy(Strategy.MEMBER_QUEUE).queueLimit(3).build();
        Recorder r = run(s);
        List<Long> dropped = r.of(TraceEvent.Drop.class).map(TraceEvent.Drop::msg).toList();
        assertThat(dropped).containsExactly(5L, 6L, 7L, 8L, 9L, 10L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> d.member().equals("slow")).map(TraceEvent.Deliver::msg))
                .containsExactly(1L);
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> d.member().equals("a"))).hasSize(20);
        Summary sum = summary(r, s);
        assertThat(sum.delivery().dropped()).isEqualTo(15);
        assertThat(sum.delivery().orderViolations()).isZero();
    }

    @Test
    void anOutboxLivesFromJoinToRemove() throws Exception {
        // slow (1000 ms) takes 1 at 0; 2, 3, 4 fill its outbox of 3 and 5 is dropped (400). It leaves at 450:
        // Remove receives out 2, 3, 4 and closes the outbox; its writer delivers 1 at 1000 and returns. It joins
        // again at 650 (10 ms) with a new outbox and writer, which deliver 8, 9, 10, 11 (700..1000) 10 ms later; the
        // old writer's send of 1, under way when slow left, still ends at 1000.
        Scenario s = room().member("a", 10).member("slow", 1000).period(100).duration(1050)
                .strategy(Strategy.MEMBER_QUEUE).queueLimit(3)
                .at(450, new Command.Leave("slow")).join(650, "slow", 10).build();
        Recorder r = run(s);
        assertThat(r.of(TraceEvent.Drop.class).map(TraceEvent.Drop::msg)).containsExactly(5L);
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> d.member().equals("slow"))
                .map(d -> d.msg() + "@" + d.time() / 1_000_000)).containsExactly("8@710", "9@810", "10@910", "1@1000",
                "11@1010");
        assertThat(r.of(TraceEvent.PrimCreated.class).map(p -> p.name() + "@" + p.time() / 1_000_000))
                .containsExactly("outbox(a)@0", "outbox(slow)@0", "outbox(slow)#2@650");
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        r.of(TraceEvent.Spawn.class).forEach(g -> names.put(g.g(), g.name()));
        int firstOutbox = r.of(TraceEvent.PrimCreated.class).filter(p -> p.name().equals("outbox(slow)"))
                .findFirst().orElseThrow().prim();
        assertThat(r.of(TraceEvent.Act.class).filter(a -> a.prim() == firstOutbox && a.g() != 0
                        && names.get(a.g()).equals("Remove(slow)"))
                .map(a -> a.op().id() + " " + a.n() + "@" + a.time() / 1_000_000))
                .containsExactly("recv 2@450", "recv 1@450", "recv 0@450", "close 0@450");
        List<Integer> writers = r.of(TraceEvent.Spawn.class).filter(g -> g.name().equals("Writer(slow)"))
                .map(TraceEvent.Spawn::g).toList();
        assertThat(writers).hasSize(2);
        assertThat(r.of(TraceEvent.Exit.class).filter(e -> e.g() == writers.get(0)).map(e -> e.time() / 1_000_000))
                .containsExactly(1000L);
    }

    @Test
    void switchingAwayFromAnOutboxStrategyClosesTheOutboxes() throws Exception {
        // As above until 350: slow's writer sends 1 (0..1000) with 2, 3, 4 queued. The switch to sequential at 350
        // closes both outboxes; slow's writer still sends what is queued, 2 3 4 at 2000, 3000, 4000, and returns;
        // a's writer returns at once. Sequential broadcasts from 400 send to slow too, in their own order.
        Scenario s = room().member("a", 10).member("slow", 1000).period(100).duration(4500)
                .strategy(Strategy.MEMBER_QUEUE).queueLimit(3)
                .at(350, new Command.SetStrategy("sequential")).build();
        Recorder r = run(s);
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        r.of(TraceEvent.Spawn.class).forEach(g -> names.put(g.g(), g.name()));
        assertThat(r.of(TraceEvent.Deliver.class).filter(d -> names.get(d.g()).equals("Writer(slow)"))
                .map(d -> d.msg() + "@" + d.time() / 1_000_000)).containsExactly("1@1000", "2@2000", "3@3000",
                "4@4000");
        assertThat(r.of(TraceEvent.Exit.class).filter(e -> names.get(e.g()).startsWith("Writer("))
                .map(e -> names.get(e.g()) + "@" + e.time() / 1_000_000))
                .containsExactly("Writer(a)@350", "Writer(slow)@4000");
        assertThat(r.of(TraceEvent.Act.class).filter(a -> a.op().id().equals("close"))
                .map(a -> a.g() + "@" + a.time() / 1_000_000)).containsExactly("0@350", "0@350");
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
