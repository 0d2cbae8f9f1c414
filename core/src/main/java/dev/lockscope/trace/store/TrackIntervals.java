package dev.lockscope.trace.store;

/**
 * What readers need of one track's intervals, whichever way the track is stored: a full {@link IntervalIndex}
 * or, for a short-lived goroutine, a {@link CompactTracks compact} list of ids.
 */
interface TrackIntervals {
    /** The number of intervals that start below row {@code limit}. */
    int count(int limit);

    /** The id of the {@code index}-th interval in start order; {@code index < count(limit)}. */
    int id(int index);

    /**
     * Appends to {@code out} the ids of the intervals overlapping [t0, t1) as seen by a reader of {@code limit}
     * rows, in start order. An interval [s, e) overlaps if s &lt; t1 and e &gt; t0; one of zero length if
     * t0 &lt;= s &lt; t1.
     */
    void overlapping(long t0, long t1, int limit, IntList out);

    /** The track's summaries, or {@code null} if it keeps none: it has so few intervals that readers sweep them. */
    SummaryPyramid pyramid();
}
