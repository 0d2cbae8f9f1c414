package dev.lockscope.run;

/**
 * The figures the lab charts. Each has a value <em>now</em> (over the last {@link RunMonitor#WINDOW_NS} of
 * virtual time, or at this instant) and a value for the <em>whole run</em> so far.
 */
public enum Metric {
    ADD_WAIT_P50("Add wait p50", Unit.MS),
    ADD_WAIT_P99("Add wait p99", Unit.MS),
    ADD_WAIT_MAX("Add wait max", Unit.MS),
    REMOVE_WAIT_P99("Remove wait p99", Unit.MS),
    BROADCAST_WAIT_P99("Broadcast wait p99", Unit.MS),
    BROADCAST_HOLD_P99("Broadcast hold p99", Unit.MS),
    DELIVERY_P99("Delivery latency p99", Unit.MS),
    WAITERS("Waiters now", Unit.COUNT),
    ALERTS("Alerts", Unit.COUNT),
    ORDER_VIOLATIONS("Order violations", Unit.COUNT),
    GOROUTINES("Goroutines alive", Unit.COUNT);

    /** Milliseconds, or a plain count. */
    public enum Unit { MS, COUNT }

    private final String label;
    private final Unit unit;

    Metric(String label, Unit unit) {
        this.label = label;
        this.unit = unit;
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
