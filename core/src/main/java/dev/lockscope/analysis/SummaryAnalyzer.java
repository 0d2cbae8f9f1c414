package dev.lockscope.analysis;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent.Acquire;
import dev.lockscope.event.TraceEvent.Alert;
import dev.lockscope.event.TraceEvent.Blocked;
import dev.lockscope.event.TraceEvent.CommandApplied;
import dev.lockscope.event.TraceEvent.Deliver;
import dev.lockscope.event.TraceEvent.Drop;
import dev.lockscope.event.TraceEvent.End;
import dev.lockscope.event.TraceEvent.Exit;
import dev.lockscope.event.TraceEvent.LockCreated;
import dev.lockscope.event.TraceEvent.MemberEvent;
import dev.lockscope.event.TraceEvent.Park;
import dev.lockscope.event.TraceEvent.Release;
import dev.lockscope.event.TraceEvent.Request;
import dev.lockscope.event.TraceEvent.SendStart;
import dev.lockscope.event.TraceEvent.Sleep;
import dev.lockscope.event.TraceEvent.Spawn;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Computes a run's {@link Summary} from its event stream alone, so a live run and its saved trace agree.
 * Single-threaded, like every {@link EventSink}; {@link #summary()} may be called at any point, and reports the
 * run as if it ended there.
 *
 * <p><b>Operations.</b> Waits and holds are the intervals of the one {@link IntervalTracker} (docs/intervals.md):
 * a wait counts for its request's {@code site.op()}, a hold for its acquire's. Waits and holds still open at the
 * end, including those a goroutine left open when it exited, are counted as {@code waitingAtEnd} and
 * {@code holdingAtEnd}.
 *
 * <p><b>Delivery.</b> A delivery is an order violation when its message id is lower than the highest one the
 * member already received. <b>Goroutines.</b> {@link Spawn} counts +1 alive, {@link Exit} -1.
 *
 * <p><b>Cost.</b> Constant work per event without allocation in the steady state; memory grows with the
 * goroutines alive or with a lock open, the operations and the members, not with the length of the run.
 */
public final class SummaryAnalyzer implements EventSink, IntervalTracker.Listener {

    private final String scenarioName;
    private final OptionalLong durationNs;
    private long lastTime;

    private long events;

    private final Map<String, Integer> opIndex = new HashMap<>();
    private final List<OpAccumulator> ops = new ArrayList<>();
    private final IntervalTracker intervals = new IntervalTracker(this);
    // Sites are usually shared constants, so remembering the last one skips most op-name lookups.
    private Site lastSite;
    private int lastOp;

    private final LatencyStats deliveryLatency = new LatencyStats();
    private final Map<String, long[]> highestDelivered = new HashMap<>(); // member -> {highest msg id so far}
    private long orderViolations;
    private long dropped;

    private final long[] alerts = new long[AlertKind.values().length];

    private long alive;
    private long maxAlive;
    private long spawned;

    /**
     * @param scenarioName the scenario's name, reported as is
     * @param durationNs   the scenario's virtual duration
     */
    public SummaryAnalyzer(String scenarioName, long durationNs) {
        this(scenarioName, OptionalLong.of(durationNs));
    }

    /**
     * @param name       the run's name: a scenario's, or a trace's
     * @param durationNs the run's duration, or empty to report the time of the last event (a trace from a real
     *                   program, whose header names no duration)
     */
    public SummaryAnalyzer(String name, OptionalLong durationNs) {
        this.scenarioName = Objects.requireNonNull(name, "name");
        if (durationNs.isPresent() && durationNs.getAsLong() < 0) {
            throw new IllegalArgumentException("durationNs must be >= 0: " + durationNs.getAsLong());
        }
        this.durationNs = durationNs;
    }

    @Override
    public void accept(TraceEvent event) {
        events++;
        if (durationNs.isEmpty()) {
            lastTime = event.time(); // only a trace without a known duration needs it, on every event
        }
        // No default branch: a new event type must be considered here before the code compiles again.
        switch (event) {
            case Request r -> intervals.request(r.time(), r.g(), r.lock(), opOf(r.site()));
            case Acquire a -> intervals.acquire(a.time(), a.g(), a.lock(), a.mode() == Mode.READ, opOf(a.site()));
            case Release r -> intervals.release(r.time(), r.g(), r.lock(), r.mode() == Mode.READ, IntervalTracker.NONE);
            case Spawn s -> spawn(s);
            // An exit ends no wait or hold (docs/intervals.md), so the tracker need not hear of goroutines' lives:
            // it then keeps state only for goroutines with a lock open, not for every goroutine a room starts.
            case Exit x -> alive--;
            case Deliver d -> deliver(d);
            case Drop d -> dropped++;
            case Alert a -> alerts[a.kind().ordinal()]++;
            // Sends, sleeps and parks are intervals too, but the summary counts only waits and holds.
            case Blocked _, Park _, Sleep _, SendStart _, LockCreated _, MemberEvent _, CommandApplied _, End _ -> {
            }
        }
    }

    /** The summary of the events accepted so far. */
    public Summary summary() {
        long[] waiting = new long[ops.size()];
        long[] holding = new long[ops.size()];
        intervals.forEachOpen((kind, g, lock, start, op) -> {
            if (kind == IntervalKind.WAITING) {
                waiting[op]++;
            } else if (kind.isHold()) {
                holding[op]++;
            }
        });

        TreeMap<String, Summary.OpStats> opStats = new TreeMap<>();
        opIndex.forEach((name, i) -> opStats.put(name, new Summary.OpStats(
                ops.get(i).waits.summary(), ops.get(i).holds.summary(), waiting[i], holding[i])));

        EnumMap<AlertKind, Long> alertCounts = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            alertCounts.put(kind, alerts[kind.ordinal()]);
        }
        Summary.Delivery delivery = new Summary.Delivery(deliveryLatency.count(), deliveryLatency.summary(),
                orderViolations, dropped);
        return new Summary(scenarioName, events, Millis.rounded(durationNs.orElse(lastTime)), opStats, delivery, alertCounts,
                new Summary.Goroutines(maxAlive, spawned));
    }

    @Override
    public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int op) {}

    @Override
    public void closed(IntervalKind kind, int g, int key, long start, long end, int op, int endTag) {
        if (kind == IntervalKind.WAITING) {
            ops.get(op).waits.record(end - start);
        } else if (kind.isHold()) {
            ops.get(op).holds.record(end - start);
        }
    }

    private void spawn(Spawn s) {
        spawned++;
        alive++;
        maxAlive = Math.max(maxAlive, alive);
    }

    private void deliver(Deliver d) {
        deliveryLatency.record(d.latencyNs());
        long[] highest = highestDelivered.computeIfAbsent(d.member(), m -> new long[] {Long.MIN_VALUE});
        if (d.msg() < highest[0]) {
            orderViolations++;
        } else {
            highest[0] = d.msg();
        }
    }

    private int opOf(Site site) {
        if (site != lastSite) {
            lastOp = opIndex.computeIfAbsent(site.op(), name -> {
                ops.add(new OpAccumulator());
                return ops.size() - 1;
            });
            lastSite = site;
        }
        return lastOp;
    }

    /** The running statistics of one operation. */
    private static final class OpAccumulator {
        final LatencyStats waits = new LatencyStats();
        final LatencyStats holds = new LatencyStats();
    }
}
