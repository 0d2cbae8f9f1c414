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
 * Random sets of holds on one lock, each by its own goroutine, cut at a random row: the store's overlap
 * queries, counts and per-pixel summaries must equal a brute-force computation over the same intervals.
 */
class RandomHoldsTest {

    record Hold(long start, long length, Mode mode) {}

    /** One interval as the view should see it; end is OPEN if its Release is beyond the cut. */
    record Expected(int id, long start, long end, IntervalKind kind) {}

    record Trace(TraceView view, List<Expected> holds) {}

    /** Up to 300 holds; one in five is of zero length, an edge worth meeting often. */
    private static final Gen<List<Hold>> HOLDS = s -> s.listOf(0, 300, t -> new Hold(t.longBetween(0, 1500),
            t.intBetween(0, 4) == 0 ? 0 : t.longBetween(0, 400), t.oneOf(List.of(Mode.values()))));

    record OverlapCase(List<Hold> holds, int cutPermille, int a, int width) {}

    record SummaryCase(List<Hold> holds, int cutPermille, int a, int width, int pixels, int bucketShift) {}

    record AlignedCase(List<Hold> holds, int cutPermille, int a, int level, int pixels, int bucketShift) {}

    @Test
    void overlapQueriesEqualBruteForce() {
        Property.forAll(s -> new OverlapCase(HOLDS.from(s), s.intBetween(0, 1000), s.intBetween(0, 2000),
                s.intBetween(0, 600))).tries(300).check(RandomHoldsTest::overlapQueriesEqualBruteForce);
    }

    @Test
    void overlapQueriesAtTheEdges() {
        List<Hold> edges = List.of(new Hold(0, 0, Mode.READ), new Hold(0, 400, Mode.WRITE),
                new Hold(1500, 0, Mode.WRITE),
                new Hold(1500, 400, Mode.READ), new Hold(600, 0, Mode.READ));
        for (List<Hold> holds : List.of(List.<Hold>of(), edges, Collections.nCopies(300, new Hold(0, 0, Mode.READ)))) {
            for (int cut : new int[] {0, 500, 1000}) {
                overlapQueriesEqualBruteForce(new OverlapCase(holds, cut, 0, 0));
                overlapQueriesEqualBruteForce(new OverlapCase(holds, cut, 0, 600));
                overlapQueriesEqualBruteForce(new OverlapCase(holds, cut, 1500, 0));
                overlapQueriesEqualBruteForce(new OverlapCase(holds, cut, 2000, 600));
            }
        }
    }

    private static void overlapQueriesEqualBruteForce(OverlapCase c) {
        Trace trace = build(c.holds(), c.cutPermille(), 3);
        long t0 = c.a();
        long t1 = c.a() + c.width();
        List<Integer> expected = new ArrayList<>();
        for (Expected h : trace.holds()) {
            boolean overlaps = h.start() == h.end() ? t0 <= h.start() && h.start() < t1 : h.start() < t1 && h.end() > t0;
            if (overlaps) {
                expected.add(h.id());
            }
        }
        assertThat(trace.view().overlapping(Track.lockHolders(0), t0, t1)).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
        long starting = trace.holds().stream().filter(h -> t0 <= h.start() && h.start() < t1).count();
        assertThat(trace.view().countStarting(Track.lockHolders(0), t0, t1)).isEqualTo((int) starting);
        assertThat(trace.view().intervalCount(Track.lockHolders(0))).isEqualTo(trace.holds().size());
    }

    @Test
    void summariesEqualBruteForce() {
        Property.forAll(s -> new SummaryCase(HOLDS.from(s), s.intBetween(0, 1000), s.intBetween(0, 1000),
                s.intBetween(1, 3000), s.intBetween(1, 40), s.intBetween(0, 6)))
                .tries(300).check(RandomHoldsTest::summariesEqualBruteForce);
    }

    @Test
    void summariesAtTheEdges() {
        List<Hold> edges = List.of(new Hold(0, 0, Mode.READ), new Hold(0, 400, Mode.WRITE),
                new Hold(1500, 400, Mode.READ));
        for (List<Hold> holds : List.of(List.<Hold>of(), edges)) {
            summariesEqualBruteForce(new SummaryCase(holds, 1000, 0, 1, 1, 0));
            summariesEqualBruteForce(new SummaryCase(holds, 1000, 1000, 3000, 40, 6));
            summariesEqualBruteForce(new SummaryCase(holds, 0, 0, 3000, 1, 6));
            summariesEqualBruteForce(new SummaryCase(holds, 500, 0, 1, 40, 0)); // more pixels than nanoseconds
        }
    }

    private static void summariesEqualBruteForce(SummaryCase c) {
        Trace trace = build(c.holds(), c.cutPermille(), c.bucketShift());
        long w = 1L << c.bucketShift();
        long t0 = c.a();
        long t1 = c.a() + c.width();
        int pixels = c.pixels();
        RowSummary s = trace.view().summarize(Track.lockHolders(0), t0, t1, pixels);
        for (int i = 0; i < pixels; i++) {
            long from = Math.floorDiv(t0 + c.width() * (long) i / pixels, w) * w;
            long to = Math.max(Math.floorDiv(t0 + c.width() * (long) (i + 1) / pixels, w) * w, from + w);
            assertThat(s.from(i)).isEqualTo(from);
            assertThat(s.to(i)).isEqualTo(to);
        }
        assertEqualsBruteForce(trace, s);
    }

    /**
     * Pixels that are whole buckets of one level (what the timeline asks for) are read by a search of that level
     * alone; with one scratch reused for a second, unrelated query first, as the timeline reuses it between rows.
     */
    @Test
    void bucketAlignedSummariesEqualBruteForce() {
        Property.forAll(s -> new AlignedCase(HOLDS.from(s), s.intBetween(0, 1000), s.intBetween(0, 1800),
                s.intBetween(0, 5), s.intBetween(1, 24), s.intBetween(0, 2)))
                .tries(300).check(RandomHoldsTest::bucketAlignedSummariesEqualBruteForce);
    }

    @Test
    void bucketAlignedSummariesAtTheEdges() {
        List<Hold> edges = List.of(new Hold(0, 0, Mode.WRITE), new Hold(0, 400, Mode.READ),
                new Hold(1500, 400, Mode.WRITE));
        for (List<Hold> holds : List.of(List.<Hold>of(), edges)) {
            bucketAlignedSummariesEqualBruteForce(new AlignedCase(holds, 1000, 0, 0, 1, 0));
            bucketAlignedSummariesEqualBruteForce(new AlignedCase(holds, 1000, 1800, 5, 24, 2));
            bucketAlignedSummariesEqualBruteForce(new AlignedCase(holds, 0, 0, 5, 24, 2));
        }
    }

    private static void bucketAlignedSummariesEqualBruteForce(AlignedCase c) {
        Trace trace = build(c.holds(), c.cutPermille(), c.bucketShift());
        long w = (1L << c.bucketShift()) << 2 * c.level();
        long t0 = Math.floorDiv(c.a(), w) * w;
        int columns = (int) Math.max(1, Math.min(c.pixels(), 4096 / w));
        SummaryScratch scratch = new SummaryScratch();
        trace.view().summarize(Track.lockHolders(0), 0, 2000, 50, scratch); // leaves longer arrays behind
        RowSummary s = trace.view().summarize(Track.lockHolders(0), t0, t0 + columns * w, columns, scratch);
        for (int i = 0; i < columns; i++) {
            assertThat(s.from(i)).isEqualTo(t0 + i * w);
            assertThat(s.to(i)).isEqualTo(t0 + (i + 1) * w);
        }
        assertEqualsBruteForce(trace, s);
    }

    private static void assertEqualsBruteForce(Trace trace, RowSummary s) {
        long now = trace.view().now();
        for (int i = 0; i < s.pixels(); i++) {
            long from = s.from(i);
            long to = s.to(i);
            long busy = 0;
            int max = 0;
            int worst = -1;
            for (long t = from; t < to; t++) { // every nanosecond
                int active = 0;
                for (Expected h : trace.holds()) {
                    if (h.start() <= t && t < Math.min(h.end(), now)) {
                        active++;
                        worst = Math.max(worst, h.kind().ordinal());
                    }
                }
                busy += active > 0 ? 1 : 0;
                max = Math.max(max, active);
            }
            assertThat(s.busyFraction()[i]).as("busy of pixel %d", i).isEqualTo((double) busy / (to - from));
            assertThat(s.maxConcurrency()[i]).as("max of pixel %d", i).isEqualTo(max);
            assertThat(s.worstState()[i]).as("worst of pixel %d", i).isEqualTo((byte) worst);
        }
    }

    /** Stores the holds' events in time order (request, acquire, release at equal times) up to the cut. */
    private static Trace build(List<Hold> holds, int cutPermille, int bucketShift) {
        record Step(long time, int phase, TraceEvent event) {}
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < holds.size(); i++) {
            Hold h = holds.get(i);
            int g = i + 1;
            long end = h.start() + h.length();
            steps.add(new Step(h.start(), 0, new TraceEvent.Request(h.start(), g, 0, h.mode(), Recorder.RLOCK)));
            steps.add(new Step(h.start(), 1, new TraceEvent.Acquire(h.start(), g, 0, h.mode(), Recorder.RLOCK)));
            steps.add(new Step(end, 2, new TraceEvent.Release(end, g, 0, h.mode(), Recorder.RUNLOCK)));
        }
        steps.sort(Comparator.comparingLong(Step::time).thenComparingInt(Step::phase));
        int cut = (int) ((long) steps.size() * cutPermille / 1000);
        TraceStore store = new TraceStore(bucketShift);
        int[] acquireRow = new int[holds.size() + 1];
        long[] releaseTime = new long[holds.size() + 1];
        java.util.Arrays.fill(releaseTime, TraceView.OPEN);
        for (int row = 0; row < cut; row++) {
            TraceEvent e = steps.get(row).event();
            store.accept(e);
            switch (e) {
                case TraceEvent.Acquire acq -> acquireRow[acq.g()] = row;
                case TraceEvent.Release rel -> releaseTime[rel.g()] = rel.time();
                default -> { }
            }
        }
        List<Expected> expected = new ArrayList<>();
        for (int row = 0; row < cut; row++) {
            if (steps.get(row).event() instanceof TraceEvent.Acquire acq) {
                expected.add(new Expected(row, acq.time(), releaseTime[acq.g()],
                        acq.mode() == Mode.READ ? IntervalKind.HOLD_READ : IntervalKind.HOLD_WRITE));
            }
        }
        TraceView view = store.view();
        assertThat(view.unmatched()).isZero();
        return new Trace(view, expected);
    }
}
