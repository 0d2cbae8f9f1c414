package dev.lockscope.interval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.analysis.LatencySummary;
import dev.lockscope.analysis.Summary;
import dev.lockscope.analysis.SummaryAnalyzer;
import dev.lockscope.event.AlertKind;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.PrimKind;
import dev.lockscope.model.PrimOp;
import dev.lockscope.model.Site;
import dev.lockscope.model.WaitOp;
import dev.lockscope.testing.Property;
import dev.lockscope.testing.Source;
import dev.lockscope.trace.export.IntervalCsvExporter;
import dev.lockscope.trace.export.PerfettoExporter;
import dev.lockscope.trace.store.TraceStore;
import dev.lockscope.trace.store.TraceView;
import dev.lockscope.util.Millis;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One interval rule, many views: for random event streams (well-formed and not: stray releases, waits replaced,
 * holds outliving their goroutine, sleeps and parks, waits on primitives and wakes without them, values put into
 * and taken out of a channel's buffer, by goroutines and by the runtime), the store's intervals, the CSV export,
 * the Perfetto export and the summary describe the same intervals, one for one.
 */
class IntervalAgreementTest {
    private static final Site[] SITES = {new Site("A", "A: mu.Lock()"), new Site("A", "A: mu.Unlock()"),
            new Site("B", "B: rw.RLock()"), new Site("B", "B: send")};
    private static final String[] MEMBERS = {"ann", "bob", "eve"};

    /** One interval as a view shows it; an interval open at the end of the trace ends there. */
    record Interval(int g, IntervalKind kind, long start, long end) {}

    @Test
    void everyViewShowsTheTrackersIntervals() {
        Property.forAll(IntervalAgreementTest::events).tries(300).describedBy(IntervalAgreementTest::describe)
                .check(IntervalAgreementTest::viewsAgree);
    }

    @Test
    void theHandWrittenCasesAgreeToo() {
        Site s = SITES[0];
        // A recursive read hold, a hold that outlives its goroutine, a wait replaced, a stray release.
        List<TraceEvent> events = List.of(
                new TraceEvent.LockCreated(0, 0, "L0", LockKind.RWMUTEX),
                new TraceEvent.Spawn(0, 1, "w1", "w", 0),
                new TraceEvent.Request(0, 1, 0, Mode.READ, s), new TraceEvent.Acquire(0, 1, 0, Mode.READ, s),
                new TraceEvent.Request(1_000_000, 1, 0, Mode.READ, s),
                new TraceEvent.Acquire(2_000_000, 1, 0, Mode.READ, s),
                new TraceEvent.Release(3_000_000, 1, 0, Mode.READ, s),
                new TraceEvent.Exit(4_000_000, 1),
                new TraceEvent.Spawn(4_000_000, 2, "w2", "w", 0),
                new TraceEvent.Request(5_000_000, 2, 0, Mode.WRITE, s),
                new TraceEvent.Request(6_000_000, 2, 0, Mode.WRITE, s),
                new TraceEvent.Release(7_000_000, 2, 0, Mode.WRITE, s),
                new TraceEvent.End(9_000_000));

        List<Interval> store = viewsAgree(events);

        assertThat(store).contains(new Interval(1, IntervalKind.HOLD_READ, 0, 9_000_000),
                new Interval(1, IntervalKind.HOLD_READ, 2_000_000, 3_000_000),
                new Interval(1, IntervalKind.WAITING, 1_000_000, 2_000_000),
                new Interval(2, IntervalKind.WAITING, 5_000_000, 6_000_000),
                new Interval(2, IntervalKind.WAITING, 6_000_000, 9_000_000));
    }

    /** Checks that the CSV, the Perfetto export and the summary agree with the store; returns the store's intervals. */
    private static List<Interval> viewsAgree(List<TraceEvent> events) {
        TraceStore store = new TraceStore();
        StringWriter csvText = new StringWriter();
        IntervalCsvExporter csv = new IntervalCsvExporter(csvText);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        PerfettoExporter perfetto = new PerfettoExporter(json, "random");
        SummaryAnalyzer analyzer = new SummaryAnalyzer("random", 1);
        for (EventSink sink : List.of(store, csv, perfetto, analyzer)) {
            events.forEach(sink::accept);
            sink.finish();
        }
        TraceView view = store.view();
        List<Interval> fromStore = storeIntervals(view);

        assertThat(csvIntervals(csvText.toString(), events, view)).as("CSV export").isEqualTo(fromStore);
        List<Interval> shownWaits = perfettoIntervals(json.toString());
        List<Interval> notWaits = fromStore.stream().filter(i -> i.kind() != IntervalKind.WAITING).toList();
        assertThat(shownWaits.stream().filter(i -> i.kind() != IntervalKind.WAITING).toList()).as("Perfetto export")
                .containsExactlyInAnyOrderElementsOf(notWaits);
        // Perfetto leaves out a wait granted at once; every other wait is there.
        List<Interval> waits = fromStore.stream().filter(i -> i.kind() == IntervalKind.WAITING).toList();
        assertThat(shownWaits.stream().filter(i -> i.kind() == IntervalKind.WAITING).toList()).as("Perfetto waits")
                .isSubsetOf(waits).containsAll(waits.stream().filter(w -> w.end() > w.start()).toList());
        assertThat(analyzer.summary().ops()).as("summary").isEqualTo(expectedOps(view));
        return fromStore;
    }

    private static List<Interval> storeIntervals(TraceView view) {
        List<Interval> out = new ArrayList<>();
        for (int row = 0; row < view.size(); row++) {
            if (view.type(row).startsInterval()) {
                out.add(new Interval(view.intervalGoroutine(row), view.kind(row), view.start(row),
                        Math.min(view.end(row), view.now())));
            }
        }
        return out;
    }

    /**
     * The CSV's intervals in start (row) order, as the store lists them; the file itself is in end order. A
     * goroutine's name is known while it runs (and after, while an interval of it is open): an interval that
     * starts while its goroutine runs shows the spawn's name; only a malformed stream's intervals of goroutines
     * exited or never spawned may show {@code g<id>}.
     */
    private static List<Interval> csvIntervals(String csv, List<TraceEvent> events, TraceView view) {
        Map<Integer, Integer> spawnRow = new HashMap<>();
        Map<Integer, Integer> firstExitRow = new HashMap<>();
        for (int row = 0; row < events.size(); row++) {
            switch (events.get(row)) {
                case TraceEvent.Spawn sp -> spawnRow.putIfAbsent(sp.g(), row);
                case TraceEvent.Exit x -> firstExitRow.putIfAbsent(x.g(), row);
                default -> { }
            }
        }
        String[] lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo(IntervalCsvExporter.HEADER);
        TreeMap<Integer, Interval> byRow = new TreeMap<>();
        long lastEnd = Long.MIN_VALUE;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            int row = Integer.parseInt(f[0]);
            int g = view.intervalGoroutine(row);
            long end = nanos(f[3]);
            assertThat(end).as("rows in end order").isGreaterThanOrEqualTo(lastEnd);
            lastEnd = end;
            boolean named = spawnRow.containsKey(g) && spawnRow.get(g) < row
                    && (!firstExitRow.containsKey(g) || firstExitRow.get(g) > row);
            if (g == 0) {
                assertThat(f[5]).isEqualTo("runtime");
            } else if (named) {
                assertThat(f[5]).isEqualTo("w" + g);
            } else {
                assertThat(f[5]).isIn("w" + g, "g" + g);
            }
            assertThat(byRow.put(row, new Interval(g, kindOf(f[1]), nanos(f[2]), end))).as("one row per interval")
                    .isNull();
            assertThat(nanos(f[4])).isEqualTo(end - nanos(f[2]));
        }
        return new ArrayList<>(byRow.values());
    }

    private static IntervalKind kindOf(String id) {
        for (IntervalKind k : IntervalKind.values()) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        throw new AssertionError("unknown kind " + id);
    }

    private static long nanos(String ms) {
        return new BigDecimal(ms).movePointRight(6).longValueExact();
    }

    /**
     * The goroutine threads' slices: B/E pairs per thread. Ending a slice below others ends those first (a run of
     * E) and begins them again, marked {@code continued}, bottom up: so the continued B's match the run's E's in
     * reverse order, all but its last E, which ended the slice meant to end.
     */
    private static List<Interval> perfettoIntervals(String json) {
        JsonNode root = new ObjectMapper().readTree(json);
        Map<Integer, Deque<long[]>> open = new HashMap<>();
        Map<Integer, Deque<JsonNode>> openEvents = new HashMap<>();
        Map<Integer, Deque<Integer>> closedRun = new HashMap<>(); // per thread: parts ended since its last B
        Map<Integer, Boolean> runOpen = new HashMap<>();
        List<Interval> parts = new ArrayList<>();
        List<String> partNames = new ArrayList<>();
        Set<Integer> continuedLater = new HashSet<>();
        Map<Long, long[]> bufferedStarts = new HashMap<>();
        List<Interval> buffered = new ArrayList<>();
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asString();
            if (e.get("pid").asInt() == 3 && e.has("cat") && e.get("cat").asString().equals("buffered")) {
                long ts = new BigDecimal(e.get("ts").asString()).movePointRight(3).longValueExact();
                long id = e.get("id").asLong();
                if (ph.equals("b")) {
                    String sender = e.get("args").get("sender").asString();
                    int g = sender.equals("runtime") ? 0 : Integer.parseInt(sender.substring(1));
                    bufferedStarts.put(id, new long[] {ts, g});
                } else if (ph.equals("e")) {
                    long[] b = bufferedStarts.remove(id);
                    buffered.add(new Interval((int) b[1], IntervalKind.BUFFERED, b[0], ts));
                }
                continue;
            }
            if (e.get("pid").asInt() != 1 || !(ph.equals("B") || ph.equals("E"))) {
                continue;
            }
            int tid = e.get("tid").asInt();
            long ts = new BigDecimal(e.get("ts").asString()).movePointRight(3).longValueExact();
            Deque<Integer> run = closedRun.computeIfAbsent(tid, k -> new ArrayDeque<>());
            if (ph.equals("B")) {
                long start = ts;
                JsonNode args = e.get("args");
                if (args != null && args.has("continued")) {
                    if (runOpen.getOrDefault(tid, false)) {
                        run.pop(); // the slice that really ended
                        runOpen.put(tid, false);
                    }
                    int before = run.pop();
                    assertThat(partNames.get(before)).as("a continued slice resumes its own first part")
                            .isEqualTo(e.get("name").asString());
                    assertThat(parts.get(before).end()).isEqualTo(ts);
                    continuedLater.add(before);
                    start = parts.get(before).start();
                } else {
                    run.clear();
                    runOpen.put(tid, false);
                }
                open.computeIfAbsent(tid, k -> new ArrayDeque<>()).push(new long[] {start});
                openEvents.computeIfAbsent(tid, k -> new ArrayDeque<>()).push(e);
            } else {
                long start = open.get(tid).pop()[0];
                JsonNode begin = openEvents.get(tid).pop();
                assertThat(e.get("name").asString()).as("E closes the innermost B").isEqualTo(begin.get("name").asString());
                if (!runOpen.getOrDefault(tid, false)) {
                    run.clear();
                    runOpen.put(tid, true);
                }
                run.push(parts.size());
                parts.add(new Interval(tid, kindOf(begin), start, ts));
                partNames.add(begin.get("name").asString());
            }
        }
        assertThat(open.values()).allMatch(Deque::isEmpty);
        assertThat(bufferedStarts).as("every buffered value ends").isEmpty();
        List<Interval> whole = new ArrayList<>(buffered);
        for (int i = 0; i < parts.size(); i++) {
            if (!continuedLater.contains(i)) {
                whole.add(parts.get(i));
            }
        }
        return whole;
    }

    private static IntervalKind kindOf(JsonNode slice) {
        String name = slice.get("name").asString();
        return switch (slice.get("cat").asString()) {
            case "goroutine" -> IntervalKind.RUNNING;
            case "wait" -> IntervalKind.WAITING;
            case "hold" -> name.endsWith("(R)") ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE;
            case "send" -> IntervalKind.SENDING;
            case "sleep" -> IntervalKind.SLEEPING;
            case "park" -> IntervalKind.PARKED;
            case "block" -> IntervalKind.of(WaitOp.ofId(name.substring(0, name.indexOf(' '))));
            default -> throw new AssertionError("unknown slice " + slice);
        };
    }

    /** The summary's per-operation figures, computed from the store's intervals by the summary's definitions. */
    private static TreeMap<String, Summary.OpStats> expectedOps(TraceView view) {
        Map<String, List<Long>> waits = new TreeMap<>();
        Map<String, List<Long>> holds = new TreeMap<>();
        Map<String, Long> waiting = new TreeMap<>();
        Map<String, Long> holding = new TreeMap<>();
        for (int row = 0; row < view.size(); row++) {
            TraceEvent e = view.event(row);
            String op = switch (e) {
                case TraceEvent.Request r -> r.site().op();
                case TraceEvent.Acquire a -> a.site().op();
                case TraceEvent.PrimWait w -> w.site().op();
                default -> null;
            };
            if (op == null) {
                continue;
            }
            waits.computeIfAbsent(op, k -> new ArrayList<>());
            holds.computeIfAbsent(op, k -> new ArrayList<>());
            waiting.putIfAbsent(op, 0L);
            holding.putIfAbsent(op, 0L);
            boolean wait = e instanceof TraceEvent.Request || e instanceof TraceEvent.PrimWait;
            if (view.end(row) == Long.MAX_VALUE) {
                (wait ? waiting : holding).merge(op, 1L, Long::sum);
            } else {
                (wait ? waits : holds).get(op).add(view.end(row) - view.start(row));
            }
        }
        TreeMap<String, Summary.OpStats> ops = new TreeMap<>();
        for (String op : waits.keySet()) {
            ops.put(op, new Summary.OpStats(latency(waits.get(op)), latency(holds.get(op)), waiting.get(op),
                    holding.get(op)));
        }
        return ops;
    }

    /** Nearest-rank percentiles, exact max and mean, in milliseconds to the microsecond. */
    private static LatencySummary latency(List<Long> durations) {
        if (durations.isEmpty()) {
            return LatencySummary.EMPTY;
        }
        List<Long> sorted = durations.stream().sorted().toList();
        BigInteger sum = sorted.stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
        return new LatencySummary(sorted.size(), Millis.rounded(rank(sorted, 50)), Millis.rounded(rank(sorted, 99)),
                Millis.rounded(sorted.getLast()), Millis.meanOfNanos(sum, sorted.size()));
    }

    private static long rank(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    // ---- the generator ----

    /** A time-ordered stream of up to 120 steps over 4 goroutines, 2 locks, 2 primitives and 3 members. */
    private static List<TraceEvent> events(Source s) {
        List<TraceEvent> out = new ArrayList<>();
        out.add(new TraceEvent.LockCreated(0, 0, "L0", LockKind.RWMUTEX));
        out.add(new TraceEvent.LockCreated(0, 1, "L1", LockKind.MUTEX));
        out.add(new TraceEvent.PrimCreated(0, 2, "ch", PrimKind.CHAN, 2));
        out.add(new TraceEvent.PrimCreated(0, 3, "wg", PrimKind.WAITGROUP, 0));
        Map<Integer, Integer> pending = new HashMap<>();
        Map<Integer, List<Integer>> held = new HashMap<>();
        Set<Integer> spawned = new HashSet<>();
        long t = 0;
        int steps = s.intBetween(0, 120);
        for (int i = 0; i < steps; i++) {
            t += s.bool() ? 0 : s.intBetween(1, 3) * 1_000_000L;
            int g = s.intBetween(1, 4);
            int lock = s.intBetween(0, 1);
            Mode mode = lock == 1 || s.bool() ? Mode.WRITE : Mode.READ;
            Site site = SITES[s.intBetween(0, SITES.length - 1)];
            String member = MEMBERS[s.intBetween(0, MEMBERS.length - 1)];
            long msg = s.intBetween(0, 3);
            int prim = s.intBetween(2, 3);
            switch (s.intBetween(0, 16)) {
                case 0 -> {
                    if (spawned.add(g)) {
                        out.add(new TraceEvent.Spawn(t, g, "w" + g, "w", 0));
                    }
                }
                case 1 -> out.add(new TraceEvent.Exit(t, g));
                case 2, 3 -> {
                    pending.put(g, lock);
                    out.add(new TraceEvent.Request(t, g, lock, mode, site));
                }
                case 4, 5 -> {
                    // Mostly the goroutine's pending request, sometimes any lock (an acquire without a request).
                    int l = pending.containsKey(g) && s.intBetween(0, 3) > 0 ? pending.remove(g) : lock;
                    held.computeIfAbsent(g, k -> new ArrayList<>()).add(l);
                    out.add(new TraceEvent.Acquire(t, g, l, l == 1 ? Mode.WRITE : mode, site));
                }
                case 6 -> {
                    List<Integer> h = held.getOrDefault(g, List.of());
                    int l = !h.isEmpty() && s.intBetween(0, 3) > 0 ? h.removeLast() : lock;
                    out.add(new TraceEvent.Release(t, g, l, l == 1 ? Mode.WRITE : mode, site));
                }
                case 7 -> out.add(new TraceEvent.Blocked(t, g, pending.getOrDefault(g, lock),
                        List.of(s.intBetween(0, 4))));
                case 8 -> out.add(new TraceEvent.Park(t, g, site));
                case 9 -> out.add(new TraceEvent.Sleep(t, g, s.intBetween(0, 4) * 1_000_000L, site));
                case 10 -> out.add(new TraceEvent.SendStart(t, g, member, msg, s.intBetween(0, 4) * 1_000_000L, site));
                case 11 -> out.add(s.intBetween(0, 4) == 0
                        ? new TraceEvent.Alert(t, AlertKind.LONG_WAIT, "s", "r", List.of(g), List.of(lock))
                        : new TraceEvent.Deliver(t, g, member, msg, 0));
                case 12 -> {
                    // A wait on one or both primitives, or on none (a nil channel: it never ends).
                    List<Integer> prims = switch (s.intBetween(0, 3)) {
                        case 0 -> List.of();
                        case 1 -> List.of(2, 3);
                        default -> List.of(prim);
                    };
                    if (!prims.isEmpty()) {
                        pending.put(g, prims.getFirst());
                    }
                    out.add(new TraceEvent.PrimWait(t, g, WaitOp.values()[s.intBetween(0, WaitOp.values().length - 1)],
                            prims, site));
                }
                case 13 -> out.add(new TraceEvent.Wake(t, g, prim));
                case 14 -> out.add(new TraceEvent.Act(t, s.bool() ? 0 : g, 2, PrimOp.SEND, 1, site));
                case 15 -> out.add(new TraceEvent.Act(t, g, 2, PrimOp.RECV, 0, site));
                default -> out.add(switch (s.intBetween(0, 3)) {
                    case 0 -> new TraceEvent.Panic(t, g, "send on closed channel", site);
                    case 1 -> new TraceEvent.Asleep(t);
                    default -> new TraceEvent.Act(t, g, prim, PrimOp.values()[s.intBetween(2, PrimOp.values().length - 1)],
                            0, site);
                });
            }
        }
        if (s.bool()) {
            out.add(new TraceEvent.End(t + s.intBetween(0, 2) * 1_000_000L));
        }
        return out;
    }

    private static String describe(List<TraceEvent> events) {
        StringBuilder sb = new StringBuilder();
        for (TraceEvent e : events) {
            sb.append("\n    ").append(e);
        }
        return sb.toString();
    }
}
