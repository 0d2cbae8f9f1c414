package dev.lockscope.app.sweep;

import dev.lockscope.analysis.Summary;
import java.util.function.ToDoubleFunction;

/** A figure of a sweep run that the Sweep view can chart. */
public enum SweepMetric {
    ADD_WAIT_P99("Add wait p99 (ms)", s -> op(s, "Add", true)),
    REMOVE_WAIT_P99("Remove wait p99 (ms)", s -> op(s, "Remove", true)),
    BROADCAST_WAIT_P99("Broadcast wait p99 (ms)", s -> op(s, "Broadcast", true)),
    BROADCAST_HOLD_P99("Broadcast hold p99 (ms)", s -> op(s, "Broadcast", false)),
    DELIVERY_P99("Delivery latency p99 (ms)", s -> s.delivery().latencyMs().p99Ms()),
    ORDER_VIOLATIONS("Order violations", s -> s.delivery().orderViolations()),
    DROPPED("Dropped messages", s -> s.delivery().dropped());

    private final String label;
    private final ToDoubleFunction<Summary> value;

    SweepMetric(String label, ToDoubleFunction<Summary> value) {
        this.label = label;
        this.value = value;
    }

    public double of(Summary s) {
        return value.applyAsDouble(s);
    }

    @Override
    public String toString() {
        return label;
    }

    private static double op(Summary s, String op, boolean wait) {
        Summary.OpStats stats = s.ops().get(op);
        if (stats == null) {
            return 0;
        }
        return wait ? stats.waitMs().p99Ms() : stats.holdMs().p99Ms();
    }
}
