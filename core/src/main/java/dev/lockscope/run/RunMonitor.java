package dev.lockscope.run;

import dev.lockscope.analysis.LatencyStats;
import dev.lockscope.analysis.LatencySummary;
import dev.lockscope.analysis.Summary;
import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.detect.LiveState;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.interval.IntervalTracker;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockSemantics;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.model.Strategy;
import dev.lockscope.scenario.MemberSpec;
import dev.lockscope.scenario.RoomSpec;
import dev.lockscope.scenario.Scenario;
import dev.lockscope.util.Millis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Watches a run's events and answers "what is going on now" for the lab: whole-run statistics (through
 * {@link SummaryAnalyzer}, so they match {@code lockscope stats}), figures over the last {@link #WINDOW_NS} of
 * virtual time, the room's settings and members, goroutines per code site, alerts, and a {@link MetricSample}
 * every {@link #SAMPLE_NS} of virtual time. A live run and a replay of its trace feed a monitor the same events,
 * so they show the same.
 *
 * <p><b>Threads.</b> One thread feeds the monitor ({@link #accept}, {@link #advanceTo}) and takes
 * {@link #status()}; {@link #alerts()} and {@link #samples()} are bounded logs any thread may read.
 */
public final class RunMonitor implements EventSink, IntervalTracker.Listener {
    /** The span of the "now" figures: 5 s of virtual time. */
    public static final long WINDOW_NS = 5_000_000_000L;
    /** The spacing of {@link MetricSample}s: 250 ms of virtual time. */
    public static final long SAMPLE_NS = 250_000_000L;
    /** Alerts the monitor keeps for readers that poll (a live run's pop-ups); older ones are in the store. */
    public static final int ALERTS_KEPT = 1024;
    /** Samples kept: 8,192 cover 34 min of virtual time at {@link #SAMPLE_NS}; a longer run samples less often. */
    public static final int SAMPLES_KEPT = 8192;
    private static final int SLICES = 10;
    /** A gap longer than this many sample periods without events is sampled at its end only. */
    private static final int MAX_FILL = 400;

    private static final String ADD = "Add";
    private static final String REMOVE = "Remove";
    private static final String BROADCAST = "Broadcast";

    private final String name;
    private final SummaryAnalyzer analyzer;
    /** Whether the run is the chat room, whose own figures (Add, Broadcast, deliveries) then apply. */
    private boolean room;
    private final LiveState state = new LiveState();
    private final Map<String, WindowedLatency> recentWaits = new HashMap<>();
    private final Map<String, WindowedLatency> recentHolds = new HashMap<>();
    private final WindowedLatency recentDelivery = window();
    /** Every operation's waits and holds together, for runs that are not the chat room. */
    private final WindowedLatency recentAnyWait = window();
    private final WindowedLatency recentAnyHold = window();
    private final LatencyStats allWaits = new LatencyStats();
    private final LatencyStats allHolds = new LatencyStats();
    private final WindowedLatency recentAlerts = window();
    private final WindowedLatency recentViolations = window();
    private final IntervalTracker intervals = new IntervalTracker(this);
    /** Operation names by index, the tags of the tracker's waits and holds. */
    private final List<String> ops = new ArrayList<>();
    private final Map<String, Integer> opIndex = new HashMap<>();
    private final Map<String, MemberTracker> members = new LinkedHashMap<>();
    private final Map<Integer, Site> busySites = new HashMap<>(); // goroutine -> site it sends or parks at
    private final Map<Integer, Site> blockedSites = new HashMap<>(); // goroutine -> site it is blocked on a primitive at
    private final List<Integer> locks = new ArrayList<>();
    /** The latest alerts, for a live run's pop-ups; the store keeps them all, compressed. */
    private final Log<TraceEvent.Alert> alerts = new Log<>(ALERTS_KEPT);
    /** Samples over the whole run, thinned to half as many when full. */
    private final Log<MetricSample> samples = new Log<>(SAMPLES_KEPT);
    /** The virtual time between samples: {@link #SAMPLE_NS}, doubled each time the samples are thinned. */
    private long samplePeriodNs = SAMPLE_NS;

    private String strategy;
    private LockSemantics lock;
    private long periodNs;
    private long now;
    private long events;
    private long alive;
    private long maxAlive;
    private long nextSampleNs;

    /** A monitor of a simulation of {@code scenario}: the room's settings start as the scenario sets them. */
    public RunMonitor(Scenario scenario) {
        this(scenario.name(), OptionalLong.of(scenario.durationNs()), scenario.lock());
        if (scenario.body() instanceof RoomSpec spec) {
            room = true;
            strategy = spec.strategyProgram().id();
            periodNs = spec.broadcastPeriodNs();
            for (MemberSpec m : spec.members()) {
                member(m.name()).network(m.latencyNs(), m.jitterNs()).state = MemberStatus.State.JOINING;
            }
        }
    }

    /**
     * A monitor of a trace that no scenario describes (a real program's): no room, no lock policy, and a duration
     * that is the last event's time.
     */
    public RunMonitor(String name) {
        this(name, OptionalLong.empty(), null);
    }

    private RunMonitor(String name, OptionalLong durationNs, LockSemantics lock) {
        this.name = Objects.requireNonNull(name, "name");
        this.analyzer = new SummaryAnalyzer(name, durationNs);
        this.lock = lock;
    }

    @Override
    public void accept(TraceEvent event) {
        advanceTo(event.time());
        events++;
        analyzer.accept(event);
        state.accept(event);
        switch (event) {
            case TraceEvent.Spawn s -> {
                maxAlive = Math.max(maxAlive, ++alive); // lives are not intervals the figures need
            }
            case TraceEvent.Exit x -> {
                alive--;
                busySites.remove(x.g());
                blockedSites.remove(x.g());
            }
            case TraceEvent.LockCreated l -> locks.add(l.lock());
            case TraceEvent.Request r -> {
                busySites.remove(r.g());
                intervals.request(r.time(), r.g(), r.lock(), op(r.site()));
            }
            case TraceEvent.Acquire a -> intervals.acquire(a.time(), a.g(), a.lock(), a.mode() == Mode.READ, op(a.site()));
            case TraceEvent.Release r -> {
                busySites.remove(r.g());
                intervals.release(r.time(), r.g(), r.lock(), r.mode() == Mode.READ, IntervalTracker.NONE);
            }
            case TraceEvent.SendStart s -> {
                busySites.put(s.g(), s.site());
                member(s.member()).inFlight++;
            }
            case TraceEvent.Park p -> busySites.put(p.g(), p.site());
            case TraceEvent.Sleep s -> busySites.remove(s.g());
            case TraceEvent.Deliver d -> {
                busySites.remove(d.g());
                recentDelivery.record(d.time(), d.latencyNs());
                if (member(d.member()).deliver(d)) {
                    recentViolations.record(d.time(), 0);
                }
            }
            case TraceEvent.Drop d -> member(d.member()).dropped++;
            case TraceEvent.MemberEvent m -> member(m.member()).change(m.change());
            case TraceEvent.CommandApplied c -> command(c.command());
            case TraceEvent.Alert a -> {
                alerts.add(a);
                recentAlerts.record(a.time(), 0);
            }
            case TraceEvent.PrimWait w -> {
                if (w.site() != null) {
                    blockedSites.put(w.g(), w.site());
                }
                intervals.primWait(w.time(), w.g(), IntervalKind.of(w.op()),
                        w.prims().isEmpty() ? IntervalTracker.NONE : w.prims().getFirst(),
                        w.site() == null ? IntervalTracker.NONE : op(w.site()));
            }
            case TraceEvent.Wake w -> {
                blockedSites.remove(w.g());
                intervals.wake(w.time(), w.g(), IntervalTracker.NONE);
            }
            case TraceEvent.Blocked b -> { }
            case TraceEvent.PrimCreated p -> { }
            case TraceEvent.Act a -> { }
            case TraceEvent.Panic p -> { }
            case TraceEvent.Asleep a -> { }
            case TraceEvent.End e -> { }
        }
    }

    @Override
    public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int op) {}

    @Override
    public void closed(IntervalKind kind, int g, int key, long start, long end, int op, int endTag) {
        if (kind.isWait()) { // for a lock or on channels and sync primitives, as the summary counts waits
            if (op >= 0) {
                recent(recentWaits, ops.get(op)).record(end, end - start);
            }
            recentAnyWait.record(end, end - start);
            allWaits.record(end - start);
        } else if (kind.isHold()) {
            recent(recentHolds, ops.get(op)).record(end, end - start);
            recentAnyHold.record(end, end - start);
            allHolds.record(end - start);
        }
    }

    private int op(Site site) {
        return opIndex.computeIfAbsent(site.op(), name -> {
            ops.add(name);
            return ops.size() - 1;
        });
    }

    private void command(Command command) {
        switch (command) {
            case Command.Join j -> member(j.member()).network(j.latencyNs(), j.jitterNs()).state =
                    MemberStatus.State.JOINING;
            case Command.Leave l -> member(l.member()).state = MemberStatus.State.LEAVING;
            case Command.Reload r -> member(r.member()).state = MemberStatus.State.RELOADING;
            case Command.SetMember s -> {
                MemberTracker m = members.get(s.member());
                if (m != null) {
                    m.network(s.latencyNs().orElse(m.latencyNs), s.jitterNs().orElse(m.jitterNs));
                }
            }
            case Command.SetStrategy s -> strategy = s.id();
            case Command.SetLock s -> lock = s.semantics();
            case Command.SetBroadcastPeriod p -> periodNs = p.periodNs();
        }
    }

    /**
     * Moves the monitor's clock to {@code timeNs} without an event (a paused or quiet run), taking the samples
     * that are due before it. Times before the current clock are ignored.
     */
    public void advanceTo(long timeNs) {
        if (timeNs < now) {
            return;
        }
        if (timeNs >= nextSampleNs) {
            long due = (timeNs - nextSampleNs) / samplePeriodNs;
            if (due > MAX_FILL) {
                nextSampleNs += due * samplePeriodNs; // a long quiet gap: sample its end, not every step of it
            }
            while (nextSampleNs <= timeNs) {
                now = nextSampleNs;
                if (samples.isFull()) {
                    samples.thin(); // the same span, half as finely: memory stays bounded however long the run
                    samplePeriodNs *= 2;
                }
                samples.add(new MetricSample(nextSampleNs, nowValues()));
                nextSampleNs += samplePeriodNs;
            }
        }
        now = timeNs;
    }

    /** The status after the events so far. */
    public RunStatus status() {
        Summary summary = analyzer.summary();
        List<MemberStatus> memberList = new ArrayList<>(members.size());
        for (MemberTracker m : members.values()) {
            memberList.add(m.status());
        }
        return new RunStatus(name, now, events, summary, nowValues(), wholeValues(summary),
                strategy, lock, periodNs, memberList, siteLoads(), alerts.size(), room);
    }

    /** Every alert raised so far, in order; any thread. */
    public Log<TraceEvent.Alert> alerts() {
        return alerts;
    }

    /** A sample every {@link #SAMPLE_NS} so far (every 2, 4, ... times that once thinned); any thread. */
    public Log<MetricSample> samples() {
        return samples;
    }

    private double[] nowValues() {
        double[] v = new double[Metric.values().length];
        LatencyStats add = recentWait(ADD);
        v[Metric.ADD_WAIT_P50.ordinal()] = ms(add.percentileNs(50));
        v[Metric.ADD_WAIT_P99.ordinal()] = ms(add.percentileNs(99));
        v[Metric.ADD_WAIT_MAX.ordinal()] = ms(add.maxNs());
        v[Metric.REMOVE_WAIT_P99.ordinal()] = ms(recentWait(REMOVE).percentileNs(99));
        v[Metric.BROADCAST_WAIT_P99.ordinal()] = ms(recentWait(BROADCAST).percentileNs(99));
        v[Metric.BROADCAST_HOLD_P99.ordinal()] = ms(recent(recentHolds, BROADCAST)
                .at(now, openAges(IntervalKind.HOLD_READ, BROADCAST)).percentileNs(99));
        v[Metric.DELIVERY_P99.ordinal()] = ms(recentDelivery.at(now, new long[0]).percentileNs(99));
        LatencyStats anyWait = recentAnyWait.at(now, openAges(IntervalKind.WAITING, null));
        v[Metric.WAIT_P50.ordinal()] = ms(anyWait.percentileNs(50));
        v[Metric.WAIT_P99.ordinal()] = ms(anyWait.percentileNs(99));
        v[Metric.WAIT_MAX.ordinal()] = ms(anyWait.maxNs());
        v[Metric.HOLD_P99.ordinal()] = ms(recentAnyHold.at(now, openAges(IntervalKind.HOLD_READ, null)).percentileNs(99));
        v[Metric.WAITERS.ordinal()] = intervals.openWaits();
        v[Metric.ALERTS.ordinal()] = recentAlerts.at(now, new long[0]).count();
        v[Metric.ORDER_VIOLATIONS.ordinal()] = recentViolations.at(now, new long[0]).count();
        v[Metric.GOROUTINES.ordinal()] = alive;
        return v;
    }

    private LatencyStats recentWait(String op) {
        return recent(recentWaits, op).at(now, openAges(IntervalKind.WAITING, op));
    }

    /**
     * How long the open waits (for a lock or on primitives) or holds (in either mode) of an operation ({@code null}:
     * any) have lasted so far.
     */
    private long[] openAges(IntervalKind kind, String op) {
        Integer index = op == null ? null : opIndex.get(op);
        if (op != null && index == null) {
            return new long[0];
        }
        LongList ages = new LongList();
        intervals.forEachOpen((k, g, lock, start, tag) -> {
            if ((index == null || tag == index) && (k == kind || (k.isHold() && kind.isHold())
                    || (k.isWait() && kind.isWait()))) {
                ages.add(now - start);
            }
        });
        return ages.toArray();
    }

    /** The whole-run column; a percentile of durations none of which has ended yet is NaN ("–"), not 0. */
    private double[] wholeValues(Summary summary) {
        double[] v = new double[Metric.values().length];
        LatencySummary add = waits(summary, ADD);
        v[Metric.ADD_WAIT_P50.ordinal()] = orNone(add, add.p50Ms());
        v[Metric.ADD_WAIT_P99.ordinal()] = orNone(add, add.p99Ms());
        v[Metric.ADD_WAIT_MAX.ordinal()] = orNone(add, add.maxMs());
        LatencySummary remove = waits(summary, REMOVE);
        v[Metric.REMOVE_WAIT_P99.ordinal()] = orNone(remove, remove.p99Ms());
        LatencySummary broadcastWaits = waits(summary, BROADCAST);
        v[Metric.BROADCAST_WAIT_P99.ordinal()] = orNone(broadcastWaits, broadcastWaits.p99Ms());
        Summary.OpStats broadcast = summary.ops().get(BROADCAST);
        LatencySummary broadcastHolds = broadcast == null ? LatencySummary.EMPTY : broadcast.holdMs();
        v[Metric.BROADCAST_HOLD_P99.ordinal()] = orNone(broadcastHolds, broadcastHolds.p99Ms());
        LatencySummary delivery = summary.delivery().latencyMs();
        v[Metric.DELIVERY_P99.ordinal()] = orNone(delivery, delivery.p99Ms());
        v[Metric.WAIT_P50.ordinal()] = orNone(allWaits, allWaits.percentileNs(50));
        v[Metric.WAIT_P99.ordinal()] = orNone(allWaits, allWaits.percentileNs(99));
        v[Metric.WAIT_MAX.ordinal()] = orNone(allWaits, allWaits.maxNs());
        v[Metric.HOLD_P99.ordinal()] = orNone(allHolds, allHolds.percentileNs(99));
        v[Metric.WAITERS.ordinal()] = Double.NaN;
        v[Metric.ALERTS.ordinal()] = summary.alerts().values().stream().mapToLong(Long::longValue).sum();
        v[Metric.ORDER_VIOLATIONS.ordinal()] = summary.delivery().orderViolations();
        v[Metric.GOROUTINES.ordinal()] = maxAlive;
        return v;
    }

    private static double orNone(LatencySummary of, double ms) {
        return of.count() == 0 ? Double.NaN : ms;
    }

    private static double orNone(LatencyStats of, long ns) {
        return of.count() == 0 ? Double.NaN : Millis.rounded(ns);
    }

    private static LatencySummary waits(Summary summary, String op) {
        Summary.OpStats stats = summary.ops().get(op);
        return stats == null ? LatencySummary.EMPTY : stats.waitMs();
    }

    private Map<String, SiteLoad> siteLoads() {
        Map<String, SiteLoad> loads = new HashMap<>();
        for (int l : locks) {
            for (LiveState.GoroutineState g : state.waiters(l)) {
                loads.merge(g.waiting().site().label(), new SiteLoad(1, 0, 0), RunMonitor::sum);
            }
            for (LiveState.GoroutineState g : state.holders(l)) {
                for (LiveState.Hold h : g.holds()) {
                    if (h.lock() == l) {
                        loads.merge(h.site().label(), new SiteLoad(0, 1, 0), RunMonitor::sum);
                    }
                }
            }
        }
        for (Site s : busySites.values()) {
            loads.merge(s.label(), new SiteLoad(0, 0, 1), RunMonitor::sum);
        }
        for (Site s : blockedSites.values()) {
            loads.merge(s.label(), new SiteLoad(0, 0, 0, 1), RunMonitor::sum);
        }
        return loads;
    }

    private static SiteLoad sum(SiteLoad a, SiteLoad b) {
        return a.plus(b);
    }

    private MemberTracker member(String name) {
        return members.computeIfAbsent(name, MemberTracker::new);
    }

    private static WindowedLatency recent(Map<String, WindowedLatency> byOp, String op) {
        return byOp.computeIfAbsent(op, o -> window());
    }

    private static WindowedLatency window() {
        return new WindowedLatency(WINDOW_NS, SLICES);
    }

    private static double ms(long ns) {
        return Math.round(ns / 1_000.0) / 1_000.0;
    }

    /** A growable list of longs, for the ages of open intervals. */
    private static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** A member as the events tell it. */
    private static final class MemberTracker {
        final String name;
        long latencyNs;
        long jitterNs;
        MemberStatus.State state = MemberStatus.State.IN_ROOM;
        int inFlight;
        long highestDelivered = Long.MIN_VALUE;
        long orderViolations;
        long dropped;
        final LatencyStats delivery = new LatencyStats(WindowedLatency.EXACT_PER_SLICE);

        MemberTracker(String name) {
            this.name = name;
        }

        MemberTracker network(long latency, long jitter) {
            latencyNs = latency;
            jitterNs = jitter;
            return this;
        }

        /** Records a delivery; whether it violated the member's order. */
        boolean deliver(TraceEvent.Deliver d) {
            inFlight = Math.max(0, inFlight - 1);
            delivery.record(d.latencyNs());
            if (d.msg() < highestDelivered) {
                orderViolations++;
                return true;
            }
            highestDelivered = d.msg();
            return false;
        }

        void change(MemberChange change) {
            state = switch (change) {
                case JOIN -> MemberStatus.State.IN_ROOM;
                case RELOAD -> MemberStatus.State.RELOADING;
                // A reload's Remove keeps it "reloading" until its Add puts it back.
                case LEAVE -> state == MemberStatus.State.RELOADING ? state : MemberStatus.State.LEFT;
            };
            if (change == MemberChange.LEAVE && state == MemberStatus.State.LEFT) {
                inFlight = 0;
            }
        }

        MemberStatus status() {
            MemberStatus.State shown = state == MemberStatus.State.IN_ROOM && inFlight > 0
                    ? MemberStatus.State.SENDING : state;
            return new MemberStatus(name, latencyNs, jitterNs, shown, delivery.count(),
                    ms(delivery.percentileNs(99)), orderViolations, dropped);
        }
    }

    /**
     * What {@link Log#read} gives: new elements, the index and epoch to read from next, and whether the log was thinned
     * since the last read (the reader then replaces what it kept by {@code items}).
     */
    public record Slice<T>(List<T> items, int next, int epoch, boolean restarted) {}

    /**
     * A list that one thread adds to and any thread reads, keeping at most {@code capacity} elements so that a run
     * of any length costs bounded memory. Full, it forgets its older half: {@link #size()} still counts every element
     * ever added, and {@link #since} gives what is kept of those from an index on, so a reader that polls often
     * misses nothing. {@link #thin()} keeps every other element instead (for samples: the same span of time, half
     * as finely) and starts a new {@link #epoch()}, in which indexes start again from 0. Readers copy what they ask for.
     */
    public static final class Log<T> {
        private final int capacity;
        private final ArrayList<T> items = new ArrayList<>();
        /** Elements of this epoch forgotten before the first kept one. */
        private int forgotten;
        private int epoch;

        Log(int capacity) {
            if (capacity < 2) {
                throw new IllegalArgumentException("capacity < 2: " + capacity);
            }
            this.capacity = capacity;
        }

        synchronized void add(T item) {
            if (items.size() == capacity) {
                items.subList(0, capacity / 2).clear();
                forgotten += capacity / 2;
            }
            items.add(item);
        }

        /** Whether another element would make the log forget or thin. */
        synchronized boolean isFull() {
            return items.size() == capacity;
        }

        /** Keeps every other element (the first, the third, ...) and starts a new epoch. */
        synchronized void thin() {
            int kept = 0;
            for (int i = 0; i < items.size(); i += 2) {
                items.set(kept++, items.get(i));
            }
            items.subList(kept, items.size()).clear();
            forgotten = 0;
            epoch++;
        }

        /** The elements added in this epoch, those forgotten included. */
        public synchronized int size() {
            return forgotten + items.size();
        }

        /** Starts at 0 and grows by one each time the log is thinned. */
        public synchronized int epoch() {
            return epoch;
        }

        /**
         * What a reader that has seen the elements before index {@code from} of epoch {@code epoch} has not: the
         * kept elements after those (all kept ones if the log was thinned since), with the index and epoch to ask
         * from next time. One call, so nothing added meanwhile is skipped.
         */
        public synchronized Slice<T> read(int from, int epoch) {
            int start = epoch == this.epoch ? from : 0;
            return new Slice<>(since(start), size(), this.epoch, epoch != this.epoch);
        }

        /** The kept elements from index {@code from} of this epoch on, copied. */
        public synchronized List<T> since(int from) {
            int at = Math.max(0, from - forgotten);
            return at >= items.size() ? List.of() : List.copyOf(items.subList(at, items.size()));
        }
    }
}
