package dev.lockscope.sweep;

import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.MemberSpec;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.scenario.TimedCommand;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.List;

/**
 * One value of one sweep parameter, applied to a scenario. Settings are checked when the sweep file is read, so
 * applying one cannot fail.
 */
public sealed interface Setting {

    /** The scenario with this setting in force. */
    Scenario apply(Scenario s);

    /** The parameter's name, as in the sweep file: {@code strategy}, {@code latencyMs:eve}. */
    String parameter();

    /** The value as written in a CSV cell. */
    String value();

    record StrategySetting(Strategy strategy) implements Setting {
        public Scenario apply(Scenario s) {
            return s.withBody(room(s).withStrategy(strategy));
        }

        public String parameter() {
            return "strategy";
        }

        public String value() {
            return strategy.id();
        }
    }

    record LockSetting(LockSemantics lock) implements Setting {
        public Scenario apply(Scenario s) {
            return s.withLock(lock);
        }

        public String parameter() {
            return "lock";
        }

        public String value() {
            return lock.id();
        }
    }

    record PeriodSetting(long periodNs) implements Setting {
        public Scenario apply(Scenario s) {
            return s.withBody(room(s).withBroadcastPeriodNs(periodNs));
        }

        public String parameter() {
            return "broadcastPeriodMs";
        }

        public String value() {
            return Millis.exact(periodNs);
        }
    }

    record DurationSetting(long durationNs) implements Setting {
        public Scenario apply(Scenario s) {
            return s.withDurationNs(durationNs);
        }

        public String parameter() {
            return "durationMs";
        }

        public String value() {
            return Millis.exact(durationNs);
        }
    }

    record ReloadSetting(long afterNs) implements Setting {
        public Scenario apply(Scenario s) {
            return s.withBody(room(s).withReloadAfterNoUpdateNs(afterNs));
        }

        public String parameter() {
            return "reloadAfterNoUpdateMs";
        }

        public String value() {
            return Millis.exact(afterNs);
        }
    }

    /**
     * The number of initial members: the first {@code count} of the scenario's, or, when it has fewer, extra
     * members {@code m1, m2, ...} with the first member's latency and jitter.
     */
    record MemberCountSetting(int count) implements Setting {
        public Scenario apply(Scenario s) {
            RoomSpec room = room(s);
            List<MemberSpec> members = new ArrayList<>(room.members().subList(0, Math.min(count, room.members().size())));
            MemberSpec template = room.members().isEmpty() ? new MemberSpec("m", 20_000_000L, 0) : room.members().getFirst();
            for (int i = 1; members.size() < count; i++) {
                String name = "m" + i;
                if (room.members().stream().noneMatch(m -> m.name().equals(name))) {
                    members.add(new MemberSpec(name, template.latencyNs(), template.jitterNs()));
                }
            }
            return s.withBody(room.withMembers(members));
        }

        public String parameter() {
            return "members";
        }

        public String value() {
            return Integer.toString(count);
        }
    }

    /**
     * A member's latency ({@code latencyMs:NAME}) or jitter ({@code jitterMs:NAME}): in the initial members and in
     * every {@code join} of that name, so a member that joins later is covered too.
     */
    record MemberNetworkSetting(String member, boolean jitter, long ns) implements Setting {
        public Scenario apply(Scenario s) {
            RoomSpec room = room(s);
            List<MemberSpec> members = room.members().stream()
                    .map(m -> !m.name().equals(member) ? m : jitter ? new MemberSpec(m.name(), m.latencyNs(), ns)
                            : new MemberSpec(m.name(), ns, m.jitterNs()))
                    .toList();
            List<TimedCommand> events = room.events().stream()
                    .map(e -> e.command() instanceof Command.Join j && j.member().equals(member)
                            ? new TimedCommand(e.atNs(), jitter ? new Command.Join(member, j.latencyNs(), ns)
                            : new Command.Join(member, ns, j.jitterNs()))
                            : e)
                    .toList();
            return s.withBody(room.withMembers(members).withEvents(events));
        }

        public String parameter() {
            return (jitter ? "jitterMs:" : "latencyMs:") + member;
        }

        public String value() {
            return Millis.exact(ns);
        }
    }

    private static RoomSpec room(Scenario s) {
        return (RoomSpec) s.body();
    }
}
