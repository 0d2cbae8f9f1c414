package dev.lockscope.room;

import static dev.lockscope.run.Scenarios.room;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.run.LockOps;
import dev.lockscope.run.Recorder;
import dev.lockscope.run.Simulation;
import dev.lockscope.scenario.Scenario;
import org.junit.jupiter.api.Test;
/**
 * The worked example, by hand. Members 20, 30 and 600 ms, so a sequential broadcast holds the read lock
 * for 650 ms; one starts every 200 ms. Add requests at 1010 while Broadcasts 400, 600, 800 and 1000 hold the
 * lock (until 1050, 1250, 1450, 1650): as the pending writer it acquires when the last of them leaves, at 1650,
 * a wait of 640 ms. Broadcasts 1200, 1400 and 1600 queue behind it and enter at 1650: waits 450, 250, 50.
 */
class HandComputedRoomTest {

    private static Scenario example(Strategy strategy) {
        return example(strategy, LockSemantics.GO_RWMUTEX);
    }

    private static Scenario example(Strategy strategy, LockSemantics lock) {
        return room().member("a", 20).member("b", 30).member("c", 600).period(200).duration(3000)
                .strategy(strategy).lock(lock).join(1010, "d", 10).build();
    }

    private static LockOps run(Scenario s) throws Exception {
        Recorder r = new Recorder();
        Simulation.run(s, r);
        return LockOps.of(r.events);
    }

    @Test
    void sequentialAddWaitsBehindEveryOverlappingBroadcast() throws Exception {
        LockOps ops = run(example(Strategy.SEQUENTIAL));
        assertThat(ops.waits.get("Add")).containsExactly(640.0);
        assertThat(ops.maxWait("Broadcast")).isEqualTo(450.0);
        assertThat(ops.waits.get("Broadcast")).filteredOn(w -> w > 0).containsExactly(450.0, 250.0, 50.0);
        assertThat(ops.maxHold("Broadcast")).isEqualTo(660.0);
    }

    @Test
    void goroutinePerSendHoldsTheLockForNoTime() throws Exception {
        LockOps ops = run(example(Strategy.GOROUTINE_PER_SEND));
        assertThat(ops.waits.get("Add")).containsExactly(0.0);
        assertThat(ops.maxWait("Broadcast")).isZero();
        assertThat(ops.maxHold("Broadcast")).isZero();
    }

    @Test
    void parallelWaitShrinksTheHoldToTheSlowestMember() throws Exception {
        // Holds last 600 ms: broadcasts at 600, 800 and 1000 hold at 1010 (until 1200, 1400, 1600).
        LockOps ops = run(example(Strategy.PARALLEL_WAIT));
        assertThat(ops.waits.get("Add")).containsExactly(590.0);
        assertThat(ops.maxHold("Broadcast")).isEqualTo(600.0);
        // Broadcast 1200 requests while Add is pending and waits until 1600; 1400 waits 200 ms.
        assertThat(ops.waits.get("Broadcast")).filteredOn(w -> w > 0).containsExactly(400.0, 200.0);
    }

    @Test
    void snapshotHoldsOnlyForTheCopy() throws Exception {
        LockOps ops = run(example(Strategy.SNAPSHOT));
        assertThat(ops.waits.get("Add")).containsExactly(0.0);
        assertThat(ops.maxHold("Broadcast")).isZero();
    }

    @Test
    void memberQueueOnlyEnqueuesUnderTheLock() throws Exception {
        LockOps ops = run(example(Strategy.MEMBER_QUEUE));
        assertThat(ops.waits.get("Add")).containsExactly(0.0);
        assertThat(ops.maxHold("Broadcast")).isZero();
    }

    @Test
    void fairLockGivesTheSameFiguresAsGoHere() throws Exception {
        // Every broadcast after 1010 arrives behind Add in the queue, as Go's pending writer makes them wait.
        LockOps ops = run(example(Strategy.SEQUENTIAL, LockSemantics.FAIR));
        assertThat(ops.waits.get("Add")).containsExactly(640.0);
        assertThat(ops.waits.get("Broadcast")).filteredOn(w -> w > 0).containsExactly(450.0, 250.0, 50.0);
    }

    @Test
    void readerPreferringLockStarvesAdd() throws Exception {
        // Holds of 650 ms every 200 ms overlap without a gap: there is never a moment with no reader.
        Recorder r = new Recorder();
        Simulation.run(example(Strategy.SEQUENTIAL, LockSemantics.READER_PREFERRING), r);
        LockOps ops = LockOps.of(r.events);
        assertThat(ops.waits.get("Add")).isNull();
        assertThat(ops.maxWait("Broadcast")).isZero();
        assertThat(r.of(dev.lockscope.event.TraceEvent.Request.class).filter(q -> q.site().op().equals("Add")))
                .hasSize(1);
    }
}
