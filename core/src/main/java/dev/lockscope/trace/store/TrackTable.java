package dev.lockscope.trace.store;

import java.util.function.Consumer;

/** The {@link IntervalIndex} of every track, by family and dense id; created by the writer on first use. */
final class TrackTable {
    private final Intervals intervals;
    private final int bucketShift;
    private final java.util.List<ObjectVector<IntervalIndex>> families;

    TrackTable(Intervals intervals, int bucketShift) {
        this.intervals = intervals;
        this.bucketShift = bucketShift;
        this.families = java.util.Arrays.stream(Track.Kind.values())
                .map(k -> new ObjectVector<IntervalIndex>())
                .toList();
    }

    long bucketWidth() {
        return 1L << bucketShift;
    }

    /** Writer only. */
    IntervalIndex obtain(Track.Kind kind, int id) {
        ObjectVector<IntervalIndex> family = families.get(kind.ordinal());
        family.ensureSize(id + 1);
        IntervalIndex index = family.get(id);
        if (index == null) {
            index = new IntervalIndex(intervals, bucketShift);
            family.set(id, index);
        }
        return index;
    }

    /** The track's index, or {@code null} if it has no interval yet. */
    IntervalIndex get(Track track) {
        return families.get(track.kind().ordinal()).get(track.id());
    }

    /** Writer only. */
    void forEach(Consumer<IntervalIndex> action) {
        for (ObjectVector<IntervalIndex> family : families) {
            for (int i = 0; i < family.size(); i++) {
                IntervalIndex index = family.get(i);
                if (index != null) {
                    action.accept(index);
                }
            }
        }
    }
}
