package dev.lockscope.model;

import java.util.OptionalLong;

/**
 * A change to a running simulation, applied at one virtual instant. Scenario files schedule commands with
 * {@code events}; the app posts them live. Every applied command is recorded in the trace.
 */
public sealed interface Command {

    /** A member joins: an {@code Add} goroutine starts and takes the write lock. */
    record Join(String member, long latencyNs, long jitterNs) implements Command {}

    /** A member leaves: a {@code Remove} goroutine starts and takes the write lock. */
    record Leave(String member) implements Command {}

    /** A member's client reloads: one goroutine runs {@code Remove}, then {@code Add}. */
    record Reload(String member) implements Command {}

    /** Changes a member's network; empty fields stay as they are. Applies to sends that start afterwards. */
    record SetMember(String member, OptionalLong latencyNs, OptionalLong jitterNs) implements Command {}

    /**
     * The broadcast strategy for broadcasts that start afterwards, by id: a built-in {@link Strategy}'s, or the id of
     * the scenario's own strategy program ({@code strategyFile}).
     */
    record SetStrategy(String id) implements Command {
        public SetStrategy(Strategy strategy) {
            this(strategy.id());
        }

        /** The built-in strategy of this id, or {@code null} for a scenario's own program. */
        public Strategy builtin() {
            return Strategy.ofId(id);
        }
    }

    /** The policy of every read-write lock, effective at once for waiters too. */
    record SetLock(LockSemantics semantics) implements Command {}

    /** The period between broadcasts; the next broadcast starts one new period after the last one. */
    record SetBroadcastPeriod(long periodNs) implements Command {}
}
