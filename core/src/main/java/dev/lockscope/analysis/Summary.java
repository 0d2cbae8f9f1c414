package dev.lockscope.analysis;

import dev.lockscope.event.AlertKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a run amounted to, computed from its events alone by {@link SummaryAnalyzer}, so that a live run and its
 * saved trace give the same numbers. Written by {@link SummaryJson}, shown by {@link SummaryText}. Times are
 * milliseconds rounded to 3 decimals.
 *
 * <p>Invariants: {@code ops} iterates in key order and holds only operations that ran; {@code alerts} has
 * every {@link AlertKind}, in declaration order, zeros included. Both are unmodifiable.
 *
 * @param scenario   the scenario's name
 * @param events     how many trace events the run produced
 * @param durationMs the scenario's virtual duration
 * @param ops        lock statistics per operation ({@code Add}, {@code Broadcast}, ...)
 * @param delivery   message delivery statistics
 * @param alerts     detector alerts per kind
 * @param goroutines goroutine counts
 */
public record Summary(String scenario, long events, double durationMs, SortedMap<String, OpStats> ops,
                      Delivery delivery, Map<AlertKind, Long> alerts, Goroutines goroutines) {

    public Summary {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(goroutines, "goroutines");
        ops = Collections.unmodifiableSortedMap(new TreeMap<>(ops));
        EnumMap<AlertKind, Long> all = new EnumMap<>(AlertKind.class);
        all.putAll(alerts);
        if (all.size() != AlertKind.values().length) {
            throw new IllegalArgumentException("alerts must count every kind, got " + all.keySet());
        }
        alerts = Collections.unmodifiableMap(all);
    }

    /**
     * Lock statistics of one operation.
     *
     * @param waitMs       request to acquisition, for waits that ended
     * @param holdMs       acquisition to release, for holds that ended
     * @param waitingAtEnd requests still waiting when the run ended (or when their goroutine exited)
     * @param holdingAtEnd holds never released by the end (or by the time their goroutine exited)
     */
    public record OpStats(LatencySummary waitMs, LatencySummary holdMs, long waitingAtEnd, long holdingAtEnd) {
        public OpStats {
            Objects.requireNonNull(waitMs, "waitMs");
            Objects.requireNonNull(holdMs, "holdMs");
        }
    }

    /**
     * Message delivery statistics.
     *
     * @param count           how many messages reached a member
     * @param latencyMs       from the broadcast's start to the delivery
     * @param orderViolations deliveries of a message older than one the member already had
     * @param dropped         messages dropped by full member queues
     */
    public record Delivery(long count, LatencySummary latencyMs, long orderViolations, long dropped) {
        public Delivery {
            Objects.requireNonNull(latencyMs, "latencyMs");
        }
    }

    /**
     * Goroutine counts.
     *
     * @param max   the most goroutines alive at once
     * @param total how many were spawned
     */
    public record Goroutines(long max, long total) {}
}
