package dev.lockscope.run;

/**
 * The figures the lab charts. Each has a value <em>now</em> (over the last {@link RunMonitor#WINDOW_NS} of
 * virtual time, or at this instant) and a value for the <em>whole run</em> so far.
 */
public enum Metric {
    ADD_WAIT_P50("Add wait p50", Unit.MS, Scope.ROOM),
    ADD_WAIT_P99("Add wait p99", Unit.MS, Scope.ROOM),
    ADD_WAIT_MAX("Add wait max", Unit.MS, Scope.ROOM),
    REMOVE_WAIT_P99("Remove wait p99", Unit.MS, Scope.ROOM),
    BROADCAST_WAIT_P99("Broadcast wait p99", Unit.MS, Scope.ROOM),
    BROADCAST_HOLD_P99("Broadcast hold p99", Unit.MS, Scope.ROOM),
    DELIVERY_P99("Delivery latency p99", Unit.MS, Scope.ROOM),
    /** Every wait, for any lock or on a channel or sync primitive, whatever its operation: a script's, a real program's. */
    WAIT_P50("Wait p50", Unit.MS, Scope.OTHER),
    WAIT_P99("Wait p99", Unit.MS, Scope.OTHER),
    WAIT_MAX("Longest wait", Unit.MS, Scope.OTHER),
    HOLD_P99("Hold p99", Unit.MS, Scope.OTHER),
    WAITERS("Waiters now", Unit.COUNT, Scope.ALL),
    ALERTS("Alerts", Unit.COUNT, Scope.ALL),
    ORDER_VIOLATIONS("Order violations", Unit.COUNT, Scope.ROOM),
    GOROUTINES("Goroutines alive", Unit.COUNT, Scope.ALL);

    /** Milliseconds, or a plain count. */
    public enum Unit { MS, COUNT }

    /** Which runs a figure means something for: the chat room's, the others' (scripts, real programs), or all. */
    public enum Scope { ROOM, OTHER, ALL }

    private final String label;
    private final Unit unit;
    private final Scope scope;

    Metric(String label, Unit unit, Scope scope) {
        this.label = label;
        this.unit = unit;
        this.scope = scope;
    }

    /** Whether the figure means something for a run that is ({@code room}) or is not the chat room. */
    public boolean appliesTo(boolean room) {
        return scope == Scope.ALL || (scope == Scope.ROOM) == room;
    }

    public String label() {
        return label;
    }

    public Unit unit() {
        return unit;
    }

    /** What the "now" value means, for tooltips. */
    public String nowMeaning() {
        return switch (this) {
            case WAITERS -> "goroutines waiting for a lock at this instant";
            case GOROUTINES -> "goroutines alive at this instant";
            case ALERTS, ORDER_VIOLATIONS -> "how many in the last 5 s of virtual time";
            default -> "over waits, holds or deliveries that ended in the last 5 s of virtual time, "
                    + "and the age of those still going on";
        };
    }
}
