package dev.lockscope.run;

import dev.lockscope.model.Command;
import dev.lockscope.model.DetectorConfig;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.MemberSpec;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.TimedCommand;
import java.util.ArrayList;
import java.util.List;

/** Builds scenarios in tests without going through JSON. Times in milliseconds. */
public final class Scenarios {
    private final List<MemberSpec> members = new ArrayList<>();
    private final List<TimedCommand> events = new ArrayList<>();
    private Strategy strategy = Strategy.SEQUENTIAL;
    private LockSemantics lock = LockSemantics.GO_RWMUTEX;
    private long periodMs = 500;
    private long durationMs = 10_000;
    private long reloadMs;
    private int queueLimit = RoomSpec.DEFAULT_QUEUE_LIMIT;
    private long seed = 1;
    private DetectorConfig detector = DetectorConfig.DEFAULTS;

    public static Scenarios room() {
        return new Scenarios();
    }

    public static long ms(double ms) {
        return Math.round(ms * 1_000_000);
    }

    public Scenarios member(String name, long latencyMs) {
        members.add(new MemberSpec(name, ms(latencyMs), 0));
        return this;
    }

    public Scenarios member(String name, long latencyMs, long jitterMs) {
        members.add(new MemberSpec(name, ms(latencyMs), ms(jitterMs)));
        return this;
    }

    public Scenarios at(long atMs, Command c) {
        events.add(new TimedCommand(ms(atMs), c));
        return this;
    }

    public Scenarios join(long atMs, String name, long latencyMs) {
        return at(atMs, new Command.Join(name, ms(latencyMs), 0));
    }

    public Scenarios strategy(Strategy s) {
        strategy = s;
        return this;
    }

    public Scenarios lock(LockSemantics s) {
        lock = s;
        return this;
    }

    public Scenarios period(long ms) {
        periodMs = ms;
        return this;
    }

    public Scenarios duration(long ms) {
        durationMs = ms;
        return this;
    }

    public Scenarios reloadAfter(long ms) {
        reloadMs = ms;
        return this;
    }

    public Scenarios queueLimit(int limit) {
        queueLimit = limit;
        return this;
    }

    public Scenarios seed(long s) {
        seed = s;
        return this;
    }

    public Scenarios detector(long holdMs, long waitMs, boolean lockOrder) {
        detector = new DetectorConfig(ms(holdMs), ms(waitMs), lockOrder);
        return this;
    }

    public Scenario build() {
        RoomSpec spec = new RoomSpec(strategy, ms(periodMs), 0, members, events, ms(reloadMs), queueLimit);
        return new Scenario("test", seed, ms(durationMs), lock, detector, spec);
    }
}
