package dev.lockscope.trace.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The intervals of every track, by family and dense id: an {@link IntervalIndex} created by the writer on first
 * use, or, for a finished goroutine with few intervals, its entry in {@link CompactTracks}.
 */
final class TrackTable {
    private final Intervals intervals;
    private final int bucketShift;
    private final List<ObjectVector<IntervalIndex>> families;
    private final CompactTracks compact;

    TrackTable(Intervals intervals, int bucketShift) {
        this.intervals = intervals;
        this.bucketShift = bucketShift;
        this.families = Arrays.stream(Track.Kind.values())
                .map(k -> new ObjectVector<IntervalIndex>())
                .toList();
        this.compact = new CompactTracks(intervals);
    }

    long bucketWidth() {
        return 1L << bucketShift;
    }

    /** Writer only. */
    IntervalIndex obtain(Track.Kind kind, int id) {
        ObjectVector<IntervalIndex> family = families.get(kind.ordinal());
        family.ensureSize(id + 1);
        IntervalIndex index = family.get(id);
        if (index == null || index.retired()) {
            TrackIntervals before = index != null ? index : kind == Track.Kind.GOROUTINE ? compact.get(id) : null;
            index = new IntervalIndex(intervals, bucketShift);
            if (before != null) {
                replay(before, index); // events after the goroutine's exit: malformed, but kept
            }
            family.set(id, index);
        }
        return index;
    }

    /**
     * A goroutine exited at {@code t}: drops its writer state and, if it has few intervals, moves them into the
     * compact tracks and frees its index. {@code limit}: the rows appended so far. Writer only.
     */
    void retireGoroutine(int g, long t, int limit) {
        IntervalIndex index = obtain(Track.Kind.GOROUTINE, g);
        if (index.retired()) {
            return; // a second Exit
        }
        index.retire(t);
        if (index.count(limit) <= CompactTracks.MAX_INTERVALS) {
            compact.store(g, index, limit);
            families.get(Track.Kind.GOROUTINE.ordinal()).set(g, null); // release: publishes the compact form
        }
    }

    /** The track's intervals, or {@code null} if it has none yet. */
    TrackIntervals get(Track track) {
        IntervalIndex index = families.get(track.kind().ordinal()).get(track.id()); // acquire
        if (index != null || track.kind() != Track.Kind.GOROUTINE) {
            return index;
        }
        return compact.get(track.id());
    }

    /** Feeds a compacted track's intervals, starts and ends in time order, into a fresh index. */
    private void replay(TrackIntervals from, IntervalIndex into) {
        record Point(long time, int order, int id) {}
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < from.count(Integer.MAX_VALUE); i++) {
            int id = from.id(i);
            points.add(new Point(intervals.start(id), 1, id));
            long end = intervals.end(id, Integer.MAX_VALUE);
            if (end != Intervals.OPEN && intervals.kind(id) != IntervalKind.SLEEPING) {
                points.add(new Point(end, 0, id)); // ends first at equal times: intervals are half-open
            }
        }
        points.sort(Comparator.comparingLong(Point::time).thenComparingInt(Point::order).thenComparingInt(Point::id));
        for (Point p : points) {
            IntervalKind kind = intervals.kind(p.id());
            if (p.order() == 0) {
                into.close(p.time(), kind);
            } else if (kind == IntervalKind.SLEEPING) {
                into.openUntil(p.id(), p.time(), intervals.end(p.id(), Integer.MAX_VALUE), kind);
            } else {
                into.open(p.id(), p.time(), kind);
            }
        }
    }
}
