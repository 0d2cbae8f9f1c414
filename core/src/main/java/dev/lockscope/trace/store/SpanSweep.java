package dev.lockscope.trace.store;

import dev.lockscope.interval.IntervalKind;
import java.util.Arrays;
/**
 * The intervals of a track overlapping one span [spanFrom, spanTo), clipped to it, summed over pieces of the span
 * with a cursor: what a {@link Summarizer} sweeps where the {@link SummaryPyramid} kept no bucket.
 *
 * <p><b>Why a cursor.</b> A row's pixels ask for pieces of a span in increasing time order (the right end of one
 * pixel, then the left end of the next). Sorting the interval ends once when the span is loaded, and walking
 * starts and ends forward from piece to piece, costs O(n log n) per span plus O(points in the piece) per piece,
 * instead of a sort of all n intervals for every piece.
 *
 * <p><b>Invariants.</b> Intervals are {@link #add added} in start order (as {@link TrackIntervals#overlapping}
 * returns them); each is clipped to the span, and one of zero length after clipping is dropped, since it counts
 * for nothing in any piece. The cursor has consumed exactly the starts before {@code startAt} and the ends before
 * {@code endAt}, all at times at most {@code consumed}. A piece that begins before {@code consumed} rewinds the
 * cursor to the span's start, so pieces may come in any order, at the cost of a rewind.
 *
 * <p>The worst kind over a piece [from, to) is the highest kind of an interval with clipped start &lt; to and
 * clipped end &gt; from; the consumed starts are exactly those &lt; to, so the cursor keeps, per kind, the latest
 * clipped end among the consumed starts and compares it with {@code from}.
 *
 * <p>Not thread-safe: owned by one query, reused from span to span.
 */
final class SpanSweep {
    private static final int KINDS = IntervalKind.values().length;

    private long spanFrom;
    private long spanTo;
    private int n;
    // Grown on the first add: most queries of a finished goroutine load no tail, and a frame runs hundreds.
    private long[] starts = new long[0];
    private long[] ends = new long[0]; // in start order
    private long[] sortedEnds = new long[0];
    private byte[] kinds = new byte[0]; // ordinal + 1

    private int startAt;
    private int endAt;
    private long consumed;
    private final long[] latestEnd = new long[KINDS + 1]; // by kind (ordinal + 1): latest clipped end consumed
    // The last piece summed: pixels narrower than a base bucket ask for the same piece again and again.
    private long lastFrom;
    private long lastTo;
    private long lastBusy;
    private int lastMax;
    private int lastWorst;

    /** An empty sweep: every piece sums to nothing until a span is {@link #reset loaded}. */
    SpanSweep() {
        reset(0, 0);
    }

    /** Empties the sweep for a new span. */
    void reset(long from, long to) {
        spanFrom = from;
        spanTo = to;
        n = 0;
        lastFrom = lastTo = Long.MIN_VALUE; // no piece is empty, so none matches
        rewind();
    }

    /** Adds one interval [start, end) of {@code kind} (ordinal + 1), no earlier in start than the previous one. */
    void add(long start, long end, int kind) {
        long s = Math.max(start, spanFrom);
        long e = Math.min(end, spanTo);
        if (s >= e) {
            return;
        }
        if (n == starts.length) {
            int size = Math.max(16, n * 2);
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            sortedEnds = Arrays.copyOf(sortedEnds, size);
            kinds = Arrays.copyOf(kinds, size);
        }
        starts[n] = s;
        ends[n] = e;
        sortedEnds[n] = e;
        kinds[n] = (byte) kind;
        n++;
    }

    /** Call after the last {@link #add}: sorts the ends for the cursor. */
    void seal() {
        Arrays.sort(sortedEnds, 0, n); // short sends end in start order: nearly sorted already
        rewind();
    }

    /** The number of intervals kept (those of positive length within the span). */
    int size() {
        return n;
    }

    /** Adds the piece [from, to) of the span (spanFrom &le; from &lt; to &le; spanTo) to {@code acc}. */
    void sum(long from, long to, SummaryPyramid.Accumulator acc) {
        if (from == lastFrom && to == lastTo) {
            acc.add(lastBusy, lastMax, lastWorst);
            return;
        }
        if (from < consumed) {
            rewind();
        }
        // The state at instant `from`: every point at or before it consumed.
        while (endAt < n && sortedEnds[endAt] <= from) {
            endAt++;
        }
        while (startAt < n && starts[startAt] <= from) {
            consumeStart(startAt++);
        }
        int active = startAt - endAt;
        int max = active;
        long busy = 0;
        long last = from;
        while (true) {
            long s = startAt < n ? starts[startAt] : Long.MAX_VALUE;
            long e = endAt < n ? sortedEnds[endAt] : Long.MAX_VALUE;
            long t = Math.min(s, e);
            if (t >= to) {
                break;
            }
            if (active > 0) {
                busy += t - last;
            }
            last = t;
            if (e <= s) { // ends before starts at equal times: touching intervals do not overlap
                active--;
                endAt++;
            } else {
                active++;
                max = Math.max(max, active);
                consumeStart(startAt++);
            }
        }
        if (active > 0) {
            busy += to - last;
        }
        consumed = Math.max(from, last);
        int worst = 0;
        for (int k = KINDS; k > 0; k--) {
            if (latestEnd[k] > from) {
                worst = k;
                break;
            }
        }
        lastFrom = from;
        lastTo = to;
        lastBusy = busy;
        lastMax = max;
        lastWorst = worst;
        acc.add(busy, max, worst);
    }

    private void consumeStart(int i) {
        latestEnd[kinds[i]] = Math.max(latestEnd[kinds[i]], ends[i]);
    }

    private void rewind() {
        startAt = 0;
        endAt = 0;
        consumed = Long.MIN_VALUE;
        Arrays.fill(latestEnd, Long.MIN_VALUE);
    }
}
