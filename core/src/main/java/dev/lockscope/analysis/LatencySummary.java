package dev.lockscope.analysis;

/**
 * A snapshot of a {@link LatencyStats}, in milliseconds rounded half-up to 3 decimals (microsecond precision).
 * All values are 0 when {@code count} is 0.
 *
 * @param count  how many durations were recorded
 * @param p50Ms  the median (nearest rank)
 * @param p99Ms  the 99th percentile (nearest rank)
 * @param maxMs  the largest duration, always exact
 * @param meanMs the arithmetic mean, always exact before rounding
 */
public record LatencySummary(long count, double p50Ms, double p99Ms, double maxMs, double meanMs) {

    /** The summary of no durations at all. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

    public LatencySummary {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
    }
}
