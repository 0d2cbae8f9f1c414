package dev.lockscope.trace.store;

import java.util.List;

/**
 * The intervals of every track, by family and id: an {@link IntervalIndex} created by the writer on first use,
 * or, for a finished goroutine with few intervals, its entry in {@link CompactTracks}. Ids come from the file
 * (goroutines, locks) or the store's interning (members); they may be sparse or huge, so the tables are
 * {@link IdTable}s, never arrays sized by an id.
 */
final class TrackTable {
    private final Intervals intervals;
    private final int bucketShift;
    private final IdTable.Refs<IntervalIndex> goroutines = new IdTable.Refs<>();
    /** By {@link Track.Kind} ordinal. */
    private final List<IdTable.Refs<IntervalIndex>> families;
    private final CompactTracks compact;

    TrackTable(Intervals intervals, int bucketShift) {
        this.intervals = intervals;
        this.bucketShift = bucketShift;
        this.compact = new CompactTracks(intervals);
        this.families = List.of(goroutines, new IdTable.Refs<>(), new IdTable.Refs<>(), new IdTable.Refs<>(),
                new IdTable.Refs<>());
    }

    long bucketWidth() {
        return 1L << bucketShift;
    }

    /** Writer only. */
    IntervalIndex obtain(Track.Kind kind, int id) {
        IdTable.Refs<IntervalIndex> family = family(kind);
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

    private IdTable.Refs<IntervalIndex> family(Track.Kind kind) {
        return families.get(kind.ordinal());
    }
}
