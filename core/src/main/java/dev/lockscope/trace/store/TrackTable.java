package dev.lockscope.trace.store;

import java.util.List;

/**
 * The intervals of every track, by family and dense id: an {@link IntervalIndex} created by the writer on first
 * use, or, for a finished goroutine with few intervals, its entry in {@link CompactTracks}.
 */
final class TrackTable {
    private final Intervals intervals;
    private final int bucketShift;
    private final ObjectVector<IntervalIndex> goroutines = new ObjectVector<>();
    /** By {@link Track.Kind} ordinal. */
    private final List<ObjectVector<IntervalIndex>> families;
    private final CompactTracks compact;

    TrackTable(Intervals intervals, int bucketShift) {
        this.intervals = intervals;
        this.bucketShift = bucketShift;
        this.compact = new CompactTracks(intervals);
        this.families = List.of(goroutines, new ObjectVector<>(), new ObjectVector<>(), new ObjectVector<>(),
                new ObjectVector<>());
    }

    long bucketWidth() {
        return 1L << bucketShift;
    }

    /** Writer only. */
    IntervalIndex obtain(Track.Kind kind, int id) {
        ObjectVector<IntervalIndex> family = family(kind);
        if (id >= family.size()) {
            family.ensureSize(id + 1);
        }
        IntervalIndex index = family.get(id);
        if (index == null || index.retired()) {
            TrackIntervals before = index != null ? index : kind == Track.Kind.GOROUTINE ? compact.get(id) : null;
            index = new IntervalIndex(intervals, bucketShift);
            if (before != null) {
                index.reload(before); // events after the goroutine's exit: malformed, but kept
            }
            family.set(id, index);
        }
        return index;
    }

    /**
     * A goroutine exited at {@code t}: drops its writer state and, if it has few intervals, moves them into the
     * compact tracks and frees its index. {@code index}: its track, as {@link #obtain} gave it. {@code limit}: the
     * rows appended so far. Writer only.
     */
    void retireGoroutine(int g, IntervalIndex index, long t, int limit) {
        if (index.retired()) {
            return; // a second Exit
        }
        if (index.count(limit) <= CompactTracks.MAX_INTERVALS) {
            index.retireForGood();
            compact.store(g, index, limit);
            goroutines.set(g, null); // release: publishes the compact form
        } else {
            index.retire(t);
        }
    }

    /** The track's intervals, or {@code null} if it has none yet. */
    TrackIntervals get(Track track) {
        IntervalIndex index = family(track.kind()).get(track.id()); // acquire
        if (index != null || track.kind() != Track.Kind.GOROUTINE) {
            return index;
        }
        return compact.get(track.id());
    }

    private ObjectVector<IntervalIndex> family(Track.Kind kind) {
        return families.get(kind.ordinal());
    }
}
