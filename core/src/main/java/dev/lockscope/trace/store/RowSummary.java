package dev.lockscope.trace.store;


import dev.lockscope.interval.IntervalKind;
/**
 * A track summarised per pixel, as returned by {@link TraceView#summarize}. Pixel {@code i} covers
 * [{@link #from(int) from(i)}, {@link #to(int) to(i)}): the window [t0, t1) cut into {@code pixels} equal parts,
 * each widened to whole base buckets of {@code bucketWidth} ns (start rounded down, end rounded down but at
 * least one bucket after the start). Open intervals count up to {@code now}.
 *
 * <p>The arrays hold at least {@code pixels} entries; those past it mean nothing. They must not be modified. A
 * summary from {@link TraceView#summarize(Track, long, long, int)} owns its arrays; one computed with a
 * {@link SummaryScratch} shares the scratch's, which its next query overwrites: read it before that.
 *
 * @param pixels         the number of pixels
 * @param busyFraction   per pixel, the fraction of its time during which at least one interval was active
 * @param maxConcurrency per pixel, the most intervals active at one instant
 * @param worstState     per pixel, the ordinal of the most severe {@link IntervalKind} active, or -1 if none
 */
public record RowSummary(long t0, long t1, long bucketWidth, long now, int pixels,
                         double[] busyFraction, int[] maxConcurrency, byte[] worstState) {

    public RowSummary {
        if (pixels <= 0 || busyFraction.length < pixels || maxConcurrency.length < pixels || worstState.length < pixels) {
            throw new IllegalArgumentException("arrays shorter than " + pixels + " pixels");
        }
    }

    /** The start of pixel {@code i}'s time range. */
    public long from(int i) {
        return Math.floorDiv(position(i), bucketWidth) * bucketWidth;
    }

    /** The end of pixel {@code i}'s time range. */
    public long to(int i) {
        return Math.max(Math.floorDiv(position(i + 1), bucketWidth) * bucketWidth, from(i) + bucketWidth);
    }

    /** The worst state of pixel {@code i}, or {@code null}. */
    public IntervalKind worst(int i) {
        return worstState[i] < 0 ? null : IntervalKind.ofOrdinal(worstState[i]);
    }

    private long position(int i) {
        long span = t1 - t0;
        int n = pixels;
        // span * i / n without overflowing for spans up to Long.MAX_VALUE.
        return t0 + span / n * i + span % n * i / n;
    }
}
