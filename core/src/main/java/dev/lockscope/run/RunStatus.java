package dev.lockscope.run;

import dev.lockscope.analysis.Summary;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Strategy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RunMonitor} saw up to one instant, immutable, for the lab's panels: every {@link Metric} now
 * and for the whole run, the room's settings and members, and how many goroutines are on each site.
 */
public final class RunStatus {
    private final String scenario;
    private final long nowNs;
    private final long events;
    private final Summary summary;
    private final double[] now;
    private final double[] whole;
    private final String strategy;
    private final LockSemantics lock;
    private final long broadcastPeriodNs;
    private final List<MemberStatus> members;
    private final Map<String, SiteLoad> sites;
    private final int alertCount;
    private final boolean room;

    RunStatus(String scenario, long nowNs, long events, Summary summary, double[] now, double[] whole,
              String strategy, LockSemantics lock, long broadcastPeriodNs, List<MemberStatus> members,
              Map<String, SiteLoad> sites, int alertCount, boolean room) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.nowNs = nowNs;
        this.events = events;
        this.summary = Objects.requireNonNull(summary, "summary");
        this.now = now.clone();
        this.whole = whole.clone();
        this.strategy = strategy;
        this.lock = lock;
        this.broadcastPeriodNs = broadcastPeriodNs;
        this.members = List.copyOf(members);
        this.sites = Map.copyOf(sites);
        this.alertCount = alertCount;
        this.room = room;
    }

    /** Whether the run is the chat room: its own figures apply ({@link Metric#appliesTo}). */
    public boolean isRoom() {
        return room;
    }

    public String scenario() {
        return scenario;
    }

    /** The virtual instant this status describes. */
    public long nowNs() {
        return nowNs;
    }

    /** Events seen so far. */
    public long events() {
        return events;
    }

    /** The whole-run summary so far, exactly as {@code lockscope stats} would print it for these events. */
    public Summary summary() {
        return summary;
    }

    /** The metric's value over the last 5 s of virtual time (or at this instant). */
    public double now(Metric metric) {
        return now[metric.ordinal()];
    }

    /**
     * The metric over the whole run so far: the percentile of all waits that ended (NaN while none has), the total,
     * the peak.
     */
    public double whole(Metric metric) {
        return whole[metric.ordinal()];
    }

    /** The built-in broadcast strategy in force; empty for a script scenario, or while the room's own program is. */
    public Optional<Strategy> strategy() {
        return Optional.ofNullable(strategy == null ? null : Strategy.ofId(strategy));
    }

    /** The id of the broadcast strategy in force, a built-in's or the room's own program's; empty for a script. */
    public Optional<String> strategyId() {
        return Optional.ofNullable(strategy);
    }

    /** The read-write lock policy in force. */
    /** The policy of the read-write locks, for a simulation; a real program's trace has none. */
    public Optional<LockSemantics> lock() {
        return Optional.ofNullable(lock);
    }

    /** The broadcast period in force, or 0 for a script scenario. */
    public long broadcastPeriodNs() {
        return broadcastPeriodNs;
    }

    /** Every member named so far, in order of first appearance. */
    public List<MemberStatus> members() {
        return members;
    }

    /** Goroutines per site label; sites with nobody on them are absent. */
    public Map<String, SiteLoad> sites() {
        return sites;
    }

    public SiteLoad site(String label) {
        return sites.getOrDefault(label, SiteLoad.NONE);
    }

    /** Alerts raised so far. */
    public int alertCount() {
        return alertCount;
    }
}
