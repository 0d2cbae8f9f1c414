package dev.lockscope.trace.store;

/**
 * The tracks of finished goroutines with few intervals, packed into shared vectors instead of an
 * {@link IntervalIndex} each. A room that starts a goroutine per send has millions of goroutines of two
 * intervals; an index costs about a kilobyte, a compact track 5 bytes plus 4 per interval.
 *
 * <p><b>Storage.</b> {@code ids}: the interval ids of each compacted track, contiguous, in start order.
 * {@code offsets}: per goroutine id, the track's first position in {@code ids} + 1 (0: not compacted).
 * {@code counts}: per goroutine id, its number of intervals, at most {@value #MAX_INTERVALS}. Both are
 * {@link IdTable}s: goroutine ids may be sparse or huge.
 *
 * <p><b>Queries.</b> With so few intervals, overlap queries scan them all and summaries sweep them (a compact
 * track has no {@link SummaryPyramid}): O({@value #MAX_INTERVALS}) per query or pixel, whatever the trace.
 *
 * <p><b>Threads.</b> One writer. {@link TrackTable} stores a goroutine's compact form first and then clears its
 * index slot with a release write; a reader that finds the slot cleared (acquire read) sees the compact form.
 */
final class CompactTracks {
    /** Tracks with more intervals keep their index: a summary sweeps every interval of a compact track. */
    static final int MAX_INTERVALS = 64;

    private final Intervals intervals;
    private final IntVector ids;
    private final IdTable.Ints offsets;
    private final IdTable.Bytes counts;

    CompactTracks(Intervals intervals) {
        this.intervals = intervals;
        this.ids = new IntVector(16, intervals.spill());
        this.offsets = new IdTable.Ints(intervals.spill());
        this.counts = new IdTable.Bytes(intervals.spill());
    }

    /** Stores goroutine {@code g}'s intervals, {@code index}'s ids below {@code limit}; writer only. */
    void store(int g, IntervalIndex index, int limit) {
        int n = index.count(limit);
        int offset = ids.size();
        for (int i = 0; i < n; i++) {
            ids.add(index.id(i));
        }
        counts.set(g, (byte) n);
        offsets.set(g, offset + 1);
    }

    /** Goroutine {@code g}'s compact track, or {@code null} if it has none (yet, as far as this thread sees). */
    CompactTrack get(int g) {
        int offset = offsets.get(g);
        return offset == 0 ? null : new CompactTrack(offset - 1, counts.get(g));
    }

    /** One compact track, as a reader sees it. */
    final class CompactTrack implements TrackIntervals {
        private final int offset;
        private final int count;

        private CompactTrack(int offset, int count) {
            this.offset = offset;
            this.count = count;
        }

        @Override
        public int id(int index) {
            return ids.get(offset + index);
        }

        @Override
        public int count(int limit) {
            int n = 0;
            while (n < count && id(n) < limit) {
                n++;
            }
            return n;
        }

        @Override
        public void overlapping(long t0, long t1, int limit, IntList out) {
            int n = count(limit);
            for (int i = 0; i < n; i++) {
                int id = id(i);
                long start = intervals.start(id);
                long end = intervals.end(id, limit);
                boolean overlaps = start == end ? t0 <= start && start < t1 : start < t1 && end > t0;
                if (overlaps) {
                    out.add(id);
                }
            }
        }

        @Override
        public SummaryPyramid pyramid() {
            return null;
        }
    }
}
