package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import dev.lockscope.testing.Gen;
import dev.lockscope.testing.Property;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Goroutines that spawn, take a lock again and again and exit, cut at a random row: each goroutine's track
 * (compacted at exit when it has few intervals, given a summary pyramid once it has many) must answer overlap
 * queries and per-pixel summaries exactly as a brute-force computation over the same intervals does.
 */
class GoroutineTracksTest {

    /** One goroutine: where it starts, and its holds one after another. */
    record Plan(long spawn, List<Hold> holds, boolean exits) {}

    /** A hold that starts {@code gap} after the previous one ended (or after the spawn). */
    record Hold(long gap, long length) {}

    record Expected(int g, int id, long start, long end, IntervalKind kind) {}

    record Case(List<Plan> plans, int cutPermille, int a, int width, int pixels, int bucketShift) {}

    private static final Gen<Plan> PLAN = s -> new Plan(s.longBetween(0, 800),
            s.listOf(0, 150, t -> new Hold(t.longBetween(0, 12), t.longBetween(0, 12))), s.bool());

    @Test
    void goroutineTracksEqualBruteForce() {
        Property.forAll(s -> new Case(s.listOf(1, 5, PLAN), s.intBetween(0, 1000), s.intBetween(0, 3000),
                s.intBetween(1, 3000), s.intBetween(1, 24), s.intBetween(0, 5)))
                .tries(150).check(GoroutineTracksTest::goroutineTracksEqualBruteForce);
    }

    @Test
    void goroutineTracksAtTheEdges() {
        List<Hold> zeros = Collections.nCopies(150, new Hold(0, 0));
        List<Hold> longest = Collections.nCopies(150, new Hold(12, 12));
        List<Plan> plans = List.of(new Plan(0, List.of(), false), new Plan(0, List.of(), true),
                new Plan(800, zeros, true), new Plan(0, longest, false), new Plan(800, longest, true));
        for (int cut : new int[] {0, 1, 999, 1000}) {
            goroutineTracksEqualBruteForce(new Case(plans.subList(0, 1), cut, 0, 1, 1, 0));
            goroutineTracksEqualBruteForce(new Case(plans, cut, 0, 3000, 24, 5));
            goroutineTracksEqualBruteForce(new Case(plans, cut, 3000, 3000, 24, 0));
            goroutineTracksEqualBruteForce(new Case(plans, cut, 800, 1, 24, 5));
        }
    }

    private static void goroutineTracksEqualBruteForce(Case c) {
        List<Plan> plans = c.plans();
        record Step(long time, int order, TraceEvent event) {}
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            int g = i + 1;
            long t = p.spawn();
            int seq = 0;
            steps.add(new Step(t, seq++, new TraceEvent.Spawn(t, g, "Send#" + g, "Send", 0)));
            for (Hold h : p.holds()) {
                t += h.gap();
                steps.add(new Step(t, seq++, new TraceEvent.Request(t, g, 0, Mode.READ, Recorder.RLOCK)));
                steps.add(new Step(t, seq++, new TraceEvent.Acquire(t, g, 0, Mode.READ, Recorder.RLOCK)));
                t += h.length();
                steps.add(new Step(t, seq++, new TraceEvent.Release(t, g, 0, Mode.READ, Recorder.RUNLOCK)));
            }
            if (p.exits()) {
                steps.add(new Step(t, seq, new TraceEvent.Exit(t, g)));
            }
        }
        // Time order; each goroutine's own rows keep their order (its sequence number breaks ties), and goroutines
        // interleave at equal times.
        steps.sort(Comparator.comparingLong(Step::time).thenComparingInt(Step::order));
        int cut = (int) ((long) steps.size() * c.cutPermille() / 1000);
        TraceStore store = new TraceStore(c.bucketShift());
        List<TraceEvent> kept = new ArrayList<>();
        for (int row = 0; row < cut; row++) {
            store.accept(steps.get(row).event());
            kept.add(steps.get(row).event());
        }
        TraceView view = store.view();
        List<Expected> expected = intervals(kept);
        long t0 = c.a();
        long t1 = c.a() + c.width();
        int pixels = c.pixels();
        SummaryScratch scratch = new SummaryScratch();
        for (int g = 1; g <= plans.size(); g++) {
            Track track = Track.goroutine(g);
            List<Expected> mine = expected.stream().filter(e -> e.g() == track.id()).toList();
            assertThat(view.intervalCount(track)).isEqualTo(mine.size());
            int[] overlapping = mine.stream().filter(e -> e.start() == e.end()
                    ? t0 <= e.start() && e.start() < t1 : e.start() < t1 && e.end() > t0).mapToInt(Expected::id).toArray();
            assertThat(view.overlapping(track, t0, t1)).as("overlap of g%d", g).containsExactly(overlapping);
            RowSummary s = view.summarize(track, t0, t1, pixels, scratch); // one scratch for all, as the timeline
            for (int i = 0; i < pixels; i++) {
                long busy = 0;
                int max = 0;
                int worst = -1;
                for (long t = s.from(i); t < s.to(i); t++) {
                    int active = 0;
                    for (Expected e : mine) {
                        if (e.start() <= t && t < Math.min(e.end(), view.now())) {
                            active++;
                            worst = Math.max(worst, e.kind().ordinal());
                        }
                    }
                    busy += active > 0 ? 1 : 0;
                    max = Math.max(max, active);
                }
                assertThat(s.busyFraction()[i]).as("busy of g%d pixel %d", g, i).isEqualTo((double) busy / (s.to(i) - s.from(i)));
                assertThat(s.maxConcurrency()[i]).as("max of g%d pixel %d", g, i).isEqualTo(max);
                assertThat(s.worstState()[i]).as("worst of g%d pixel %d", g, i).isEqualTo((byte) worst);
            }
        }
    }

    /** The intervals the kept rows define, by their own rules: running, waits (zero length here) and holds. */
    private static List<Expected> intervals(List<TraceEvent> rows) {
        List<Expected> out = new ArrayList<>();
        for (int row = 0; row < rows.size(); row++) {
            switch (rows.get(row)) {
                case TraceEvent.Spawn s -> out.add(new Expected(s.g(), row, s.time(), endOf(rows, row, TraceEvent.Exit.class), IntervalKind.RUNNING));
                case TraceEvent.Request r -> out.add(new Expected(r.g(), row, r.time(), endOf(rows, row, TraceEvent.Acquire.class), IntervalKind.WAITING));
                case TraceEvent.Acquire q -> out.add(new Expected(q.g(), row, q.time(), endOf(rows, row, TraceEvent.Release.class), IntervalKind.HOLD_READ));
                default -> { }
            }
        }
        return out;
    }

    /** The time of the first later row of the same goroutine of type {@code type}, or OPEN. */
    private static long endOf(List<TraceEvent> rows, int from, Class<? extends TraceEvent> type) {
        int g = goroutine(rows.get(from));
        for (int r = from + 1; r < rows.size(); r++) {
            if (type.isInstance(rows.get(r)) && goroutine(rows.get(r)) == g) {
                return rows.get(r).time();
            }
        }
        return TraceView.OPEN;
    }

    private static int goroutine(TraceEvent e) {
        return switch (e) {
            case TraceEvent.Spawn s -> s.g();
            case TraceEvent.Exit x -> x.g();
            case TraceEvent.Request r -> r.g();
            case TraceEvent.Acquire q -> q.g();
            case TraceEvent.Release r -> r.g();
            default -> -1;
        };
    }
}
