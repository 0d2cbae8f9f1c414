package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.interval.IntervalKind;
import dev.lockscope.model.Mode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
/**
 * Random sets of holds on one lock, each by its own goroutine, cut at a random row: the store's overlap
 * queries, counts and per-pixel summaries must equal a brute-force computation over the same intervals.
 */
class RandomHoldsTest {

    record Hold(long start, long length, Mode mode) {}

    /** One interval as the view should see it; end is OPEN if its Release is beyond the cut. */
    record Expected(int id, long start, long end, IntervalKind kind) {}

    record Trace(TraceView view, List<Expected> holds) {}

    @Provide
    Arbitrary<List<Hold>> holds() {
        Arbitrary<Hold> hold = Combinators.combine(
                Arbitraries.longs().between(0, 1500),
                Arbitraries.longs().between(0, 400).edgeCases(c -> c.add(0L)),
                Arbitraries.of(Mode.class)).as(Hold::new);
        return hold.list().ofMinSize(0).ofMaxSize(300);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void overlapQueriesEqualBruteForce(@ForAll("holds") List<Hold> holds, @ForAll @IntRange(max = 1000) int cutPermille,
                                       @ForAll @IntRange(min = 0, max = 2000) int a, @ForAll @IntRange(min = 0, max = 600) int width) {
        Trace trace = build(holds, cutPermille, 3);
        long t0 = a;
        long t1 = a + width;
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

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void summariesEqualBruteForce(@ForAll("holds") List<Hold> holds, @ForAll @IntRange(max = 1000) int cutPermille,
                                  @ForAll @IntRange(min = 0, max = 1000) int a, @ForAll @IntRange(min = 1, max = 3000) int width,
                                  @ForAll @IntRange(min = 1, max = 40) int pixels, @ForAll @IntRange(min = 0, max = 6) int bucketShift) {
        Trace trace = build(holds, cutPermille, bucketShift);
        long w = 1L << bucketShift;
        long t0 = a;
        long t1 = a + width;
        RowSummary s = trace.view().summarize(Track.lockHolders(0), t0, t1, pixels);
        for (int i = 0; i < pixels; i++) {
            long from = Math.floorDiv(t0 + width * (long) i / pixels, w) * w;
            long to = Math.max(Math.floorDiv(t0 + width * (long) (i + 1) / pixels, w) * w, from + w);
            assertThat(s.from(i)).isEqualTo(from);
            assertThat(s.to(i)).isEqualTo(to);
        }
        assertEqualsBruteForce(trace, s);
    }

    /**
     * Pixels that are whole buckets of one level (what the timeline asks for) are read by a search of that level
     * alone; with one scratch reused for a second, unrelated query first, as the timeline reuses it between rows.
     */
    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void bucketAlignedSummariesEqualBruteForce(@ForAll("holds") List<Hold> holds, @ForAll @IntRange(max = 1000) int cutPermille,
                                               @ForAll @IntRange(min = 0, max = 1800) int a, @ForAll @IntRange(min = 0, max = 5) int level,
                                               @ForAll @IntRange(min = 1, max = 24) int pixels, @ForAll @IntRange(min = 0, max = 2) int bucketShift) {
        Trace trace = build(holds, cutPermille, bucketShift);
        long w = (1L << bucketShift) << 2 * level;
        long t0 = Math.floorDiv(a, w) * w;
        int columns = (int) Math.max(1, Math.min(pixels, 4096 / w));
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
