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
import dev.lockscope.model.Site;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes a run's {@link Summary} from its event stream alone, so a live run and its saved trace agree.
 * Single-threaded, like every {@link EventSink}; {@link #summary()} may be called at any point, and reports the
 * run as if it ended there.
 *
 * <p><b>Operations.</b> A wait runs from a {@link Request} to the {@link Acquire} of the same goroutine and
 * lock, and counts for the request's {@code site.op()}. A hold runs from an {@code Acquire} to the
 * {@link Release} of the same goroutine and lock, and counts for the acquire's {@code site.op()}. A goroutine
 * may hold a lock several times (recursive read locking): a release ends its most recent unreleased hold of
 * that lock. Waits and holds still open at the end are counted as {@code waitingAtEnd} and
 * {@code holdingAtEnd}; so are those its goroutine left open when it exited, since goroutine ids are never
 * reused and nothing can close them later. A release with no matching hold (a lock released by another
 * goroutine than its holder, or a trace cut at the front) is ignored.
 *
 * <p><b>Delivery.</b> A delivery is an order violation when its message id is lower than the highest one the
 * member already received. <b>Goroutines.</b> {@link Spawn} counts +1 alive, {@link Exit} -1.
 *
 * <p><b>Cost.</b> Constant work per event without allocation in the steady state; memory grows with the
 * goroutines that have a lock open, the operations and the members, not with the length of the run.
 */
public final class SummaryAnalyzer implements EventSink {

    private final String scenarioName;
    private final long durationNs;

    private long events;

    private final Map<String, Integer> opIndex = new HashMap<>();
    private final List<OpAccumulator> ops = new ArrayList<>();
    private final OpenLockTable open = new OpenLockTable();
    private final OpenLockTable.Visitor abandon = this::abandon;
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
        this.scenarioName = Objects.requireNonNull(scenarioName, "scenarioName");
        if (durationNs < 0) {
            throw new IllegalArgumentException("durationNs must be >= 0: " + durationNs);
        }
        this.durationNs = durationNs;
    }

    @Override
    public void accept(TraceEvent event) {
        events++;
        // No default branch: a new event type must be considered here before the code compiles again.
        switch (event) {
            case Request r -> open.openWait(r.g(), r.lock(), r.time(), opOf(r.site()));
            case Acquire a -> acquire(a);
            case Release r -> release(r);
            case Spawn s -> spawn();
            case Exit x -> exit(x);
            case Deliver d -> deliver(d);
            case Drop d -> dropped++;
            case Alert a -> alerts[a.kind().ordinal()]++;
            case LockCreated _, Blocked _, Park _, Sleep _, SendStart _, MemberEvent _, CommandApplied _, End _ -> {
            }
        }
    }

    /** The summary of the events accepted so far. */
    public Summary summary() {
        long[] waiting = new long[ops.size()];
        long[] holding = new long[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            waiting[i] = ops.get(i).waitsLeftOpen;
            holding[i] = ops.get(i).holdsLeftOpen;
        }
        open.forEachOpen((isWait, op) -> (isWait ? waiting : holding)[op]++);

        TreeMap<String, Summary.OpStats> opStats = new TreeMap<>();
        opIndex.forEach((name, i) -> opStats.put(name, new Summary.OpStats(
                ops.get(i).waits.summary(), ops.get(i).holds.summary(), waiting[i], holding[i])));

        EnumMap<AlertKind, Long> alertCounts = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            alertCounts.put(kind, alerts[kind.ordinal()]);
        }
        Summary.Delivery delivery = new Summary.Delivery(deliveryLatency.count(), deliveryLatency.summary(),
                orderViolations, dropped);
        return new Summary(scenarioName, events, Millis.ofNanos(durationNs), opStats, delivery, alertCounts,
                new Summary.Goroutines(maxAlive, spawned));
    }

    private void acquire(Acquire a) {
        int holdOp = opOf(a.site());
        int slot = open.findWait(a.g(), a.lock());
        if (slot == OpenLockTable.NONE) {
            // Granted without a recorded request (a trace cut at the front): there is no wait to measure.
            open.openHold(a.g(), a.lock(), a.time(), holdOp);
            return;
        }
        ops.get(open.op(slot)).waits.record(a.time() - open.start(slot));
        open.grant(slot, a.time(), holdOp);
    }

    private void release(Release r) {
        int slot = open.findHold(r.g(), r.lock());
        if (slot == OpenLockTable.NONE) {
            return;
        }
        ops.get(open.op(slot)).holds.record(r.time() - open.start(slot));
        open.close(r.g(), slot);
    }

    private void spawn() {
        spawned++;
        alive++;
        maxAlive = Math.max(maxAlive, alive);
    }

    private void exit(Exit x) {
        alive--;
        open.closeAll(x.g(), abandon);
    }

    private void abandon(boolean waiting, int op) {
        if (waiting) {
            ops.get(op).waitsLeftOpen++;
        } else {
            ops.get(op).holdsLeftOpen++;
        }
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
        long waitsLeftOpen; // by goroutines that exited
        long holdsLeftOpen;
    }
}
