package dev.lockscope.scenario;

import dev.lockscope.model.Strategy;
import java.util.List;
import java.util.Objects;

/**
 * The chat room: its initial members (in the room at t=0, in this order), the broadcast schedule and strategy,
 * timed events, the clients' reload behaviour, and the member-queue bound.
 *
 * @param reloadAfterNoUpdateNs 0 for no reloads; otherwise a member that has received nothing for this long
 *                              leaves and rejoins
 * @param queueLimit            the bound of each member's outbox ({@code m.outbox}, as under
 *                              {@link Strategy#MEMBER_QUEUE})
 * @param ownStrategy           the scenario's own strategy program ({@code strategyFile}), in force at the start
 *                              instead of {@code strategy}; or {@code null}
 */
public record RoomSpec(Strategy strategy, long broadcastPeriodNs, long broadcastStartNs, List<MemberSpec> members,
                       List<TimedCommand> events, long reloadAfterNoUpdateNs, int queueLimit, StrategySpec ownStrategy)
        implements ScenarioBody {

    public static final long DEFAULT_PERIOD_NS = 500_000_000L;
    public static final int DEFAULT_QUEUE_LIMIT = 64;

    public RoomSpec {
        Objects.requireNonNull(strategy, "strategy");
        members = List.copyOf(members);
        events = List.copyOf(events);
        if (broadcastPeriodNs <= 0) {
            throw new IllegalArgumentException("broadcastPeriodNs must be > 0");
        }
        if (broadcastStartNs < 0 || reloadAfterNoUpdateNs < 0) {
            throw new IllegalArgumentException("broadcastStartNs and reloadAfterNoUpdateNs must be >= 0");
        }
        if (queueLimit < 1) {
            throw new IllegalArgumentException("queueLimit must be >= 1");
        }
    }

    /** A room without a strategy program of its own. */
    public RoomSpec(Strategy strategy, long broadcastPeriodNs, long broadcastStartNs, List<MemberSpec> members,
                    List<TimedCommand> events, long reloadAfterNoUpdateNs, int queueLimit) {
        this(strategy, broadcastPeriodNs, broadcastStartNs, members, events, reloadAfterNoUpdateNs, queueLimit, null);
    }

    /** The program in force at the start: the scenario's own, else the built-in {@link #strategy()}'s. */
    public StrategySpec strategyProgram() {
        return ownStrategy != null ? ownStrategy : StrategySpec.builtin(strategy);
    }

    /** The ids {@code set.strategy} may name in this room: the built-ins', then its own program's. */
    public List<String> strategyIds() {
        if (ownStrategy == null) {
            return CommandJson.BUILTIN_STRATEGIES;
        }
        List<String> ids = new java.util.ArrayList<>(CommandJson.BUILTIN_STRATEGIES);
        ids.add(ownStrategy.id());
        return List.copyOf(ids);
    }

    /** The same room under the built-in {@code newStrategy}, without a strategy program of its own. */
    public RoomSpec withStrategy(Strategy newStrategy) {
        return new RoomSpec(newStrategy, broadcastPeriodNs, broadcastStartNs, members, events,
                reloadAfterNoUpdateNs, queueLimit, null);
    }

    public RoomSpec withOwnStrategy(StrategySpec own) {
        return new RoomSpec(strategy, broadcastPeriodNs, broadcastStartNs, members, events,
                reloadAfterNoUpdateNs, queueLimit, own);
    }

    public RoomSpec withMembers(List<MemberSpec> newMembers) {
        return new RoomSpec(strategy, broadcastPeriodNs, broadcastStartNs, newMembers, events,
                reloadAfterNoUpdateNs, queueLimit, ownStrategy);
    }

    public RoomSpec withEvents(List<TimedCommand> newEvents) {
        return new RoomSpec(strategy, broadcastPeriodNs, broadcastStartNs, members, newEvents,
                reloadAfterNoUpdateNs, queueLimit, ownStrategy);
    }

    public RoomSpec withBroadcastPeriodNs(long newPeriodNs) {
        return new RoomSpec(strategy, newPeriodNs, broadcastStartNs, members, events,
                reloadAfterNoUpdateNs, queueLimit, ownStrategy);
    }

    public RoomSpec withReloadAfterNoUpdateNs(long newReloadNs) {
        return new RoomSpec(strategy, broadcastPeriodNs, broadcastStartNs, members, events,
                newReloadNs, queueLimit, ownStrategy);
    }
}
