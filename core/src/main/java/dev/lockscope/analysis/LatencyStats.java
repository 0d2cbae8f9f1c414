package dev.lockscope.analysis;

import dev.lockscope.util.Millis;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Accumulates durations in nanoseconds and reports their count, percentiles, maximum and mean. Not thread-safe.
 *
 * <p><b>Percentiles.</b> The p-th percentile of n values is the nearest rank: the
 * {@code ceil(p / 100 * n)}-th smallest value, counting from 1, and at least the first. So the p50 of
 * {0, 0, 1840} is 0 and its p99 is 1840; the p50 of 1..100 is 50 and its p99 is 99.
 *
 * <p><b>Exactness.</b> While at most {@value #EXACT_LIMIT} values have been recorded they are all kept and
 * percentiles are exact. The value after that folds them all into an HdrHistogram (nanoseconds, 3 significant
 * digits, auto-resizing) so memory stays bounded however long the run; percentiles are then within 0.1% of the
 * exact ones (and never above the maximum). The count, the maximum and the mean stay exact in both modes: the
 * sum is kept without overflow.
 *
 * <p><b>Live use.</b> The lab keeps many small ones (per member, per slice of a time window): they take a
 * smaller exact limit, and {@link #merge} reads several as one.
 *
 * <p><b>Input.</b> Durations must be {@code >= 0}; a negative one is a bug upstream and is refused.
 */
public final class LatencyStats {

    /** The largest number of values for which percentiles are exact. */
    public static final int EXACT_LIMIT = 65_536;

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final int INITIAL_CAPACITY = 16;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final int exactLimit;
    private long[] values = new long[INITIAL_CAPACITY];
    private boolean sorted = true;
    private Histogram histogram; // null while exact; then values is dropped
    private long count;
    private long max;
    // The sum is split so the common case is one long addition: the long part is flushed into the BigInteger
    // just before it would overflow (tens of millions of multi-second waits can exceed Long.MAX_VALUE ns).
    private long sumLow;
    private BigInteger sumHigh = BigInteger.ZERO;

    /** Exact up to {@value #EXACT_LIMIT} values. */
    public LatencyStats() {
        this(EXACT_LIMIT);
    }

    /** Exact up to {@code exactLimit} values (at least 1), then within 0.1%. */
    public LatencyStats(int exactLimit) {
        if (exactLimit < 1) {
            throw new IllegalArgumentException("exactLimit must be >= 1: " + exactLimit);
        }
        this.exactLimit = exactLimit;
    }

    /**
     * The durations of all {@code parts} (nulls skipped) and {@code extra} together, as one: exact if every part
     * is and they number at most {@value #EXACT_LIMIT}.
     */
    public static LatencyStats merge(LatencyStats[] parts, long[] extra) {
        LatencyStats all = new LatencyStats();
        for (LatencyStats part : parts) {
            if (part == null || part.count == 0) {
                continue;
            }
            if (part.histogram == null) {
                for (int i = 0; i < part.count; i++) {
                    all.record(part.values[i]);
                }
            } else {
                all.add(part);
            }
        }
        for (long v : extra) {
            all.record(v);
        }
        return all;
    }

    /** Forgets every duration. */
    public void clear() {
        values = new long[INITIAL_CAPACITY];
        sorted = true;
        histogram = null;
        count = 0;
        max = 0;
        sumLow = 0;
        sumHigh = BigInteger.ZERO;
    }

    /** Adds a part kept as a histogram: this one becomes a histogram too. */
    private void add(LatencyStats part) {
        if (histogram == null) {
            foldIntoHistogram();
        }
        histogram.add(part.histogram);
        count += part.count;
        max = Math.max(max, part.max);
        sumHigh = sumHigh.add(part.sumNs());
    }

    /** Records one duration. */
    public void record(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("ns must be >= 0: " + ns);
        }
        if (sumLow > Long.MAX_VALUE - ns) {
            sumHigh = sumHigh.add(BigInteger.valueOf(sumLow));
            sumLow = 0;
        }
        sumLow += ns;
        max = Math.max(max, ns);
        count++;
        if (histogram == null && count > exactLimit) {
            foldIntoHistogram();
        }
        if (histogram != null) {
            histogram.recordValue(ns);
        } else {
            keep(ns);
        }
    }

    /** How many durations were recorded. */
    public long count() {
        return count;
    }

    /** Whether percentiles are still exact: at most the exact limit of values were recorded. */
    public boolean isExact() {
        return histogram == null;
    }

    /** The largest duration, or 0 when none was recorded. */
    public long maxNs() {
        return max;
    }

    /** The exact sum of all durations. */
    public BigInteger sumNs() {
        return sumHigh.add(BigInteger.valueOf(sumLow));
    }

    /**
     * The nearest-rank percentile (see the class comment), or 0 when nothing was recorded.
     *
     * @param percentile in {@code [0, 100]}
     */
    public long percentileNs(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100]: " + percentile);
        }
        if (count == 0) {
            return 0;
        }
        if (histogram != null) {
            // A bucket's highest equivalent value can lie above every recorded value.
            return Math.min(histogram.getValueAtPercentile(percentile), max);
        }
        sortIfNeeded();
        return values[rank(percentile, count) - 1];
    }

    /** The current state, in milliseconds. */
    public LatencySummary summary() {
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, Millis.rounded(percentileNs(50)), Millis.rounded(percentileNs(99)),
                Millis.rounded(max), Millis.meanOfNanos(sumNs(), count));
    }

    /** The 1-based nearest rank, computed in decimal so that, say, 0.07 * 100 is exactly 7. */
    private static int rank(double percentile, long n) {
        BigDecimal exact = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(n));
        int rank = exact.divide(HUNDRED, 0, RoundingMode.CEILING).intValueExact();
        return Math.max(1, rank);
    }

    private void keep(long ns) {
        int size = (int) count - 1;
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(exactLimit, values.length * 2));
        }
        values[size] = ns;
        sorted = size == 0 || (sorted && values[size - 1] <= ns);
    }

    private void sortIfNeeded() {
        if (!sorted) {
            Arrays.sort(values, 0, (int) count);
            sorted = true;
        }
    }

    private void foldIntoHistogram() {
        histogram = new Histogram(SIGNIFICANT_DIGITS);
        int kept = (int) Math.min(count, values.length);
        for (int i = 0; i < kept; i++) {
            histogram.recordValue(values[i]);
        }
        values = null;
    }
}
