package dev.lockscope.run;

import dev.lockscope.analysis.LatencyStats;

/**
 * Durations that ended within the last {@code window} of virtual time, for "now" figures that can fall again
 * when a stall ends (a whole-run percentile cannot). Not thread-safe.
 *
 * <p>The window is a ring of {@code slices} equal slices; a duration counts in the slice of the instant it
 * ended. At time {@code now} the window holds the slice of {@code now} and the {@code slices - 1} before it, so it
 * spans between {@code window - window/slices} and {@code window}. Percentiles follow {@link LatencyStats}: exact
 * while a slice holds at most {@value #EXACT_PER_SLICE} durations.
 */
final class WindowedLatency {
    /** A slice is short: few durations, so its exact values stay small. */
    static final int EXACT_PER_SLICE = 256;

    private final long sliceNs;
    private final LatencyStats[] ring;
    private final long[] sliceIndex;

    WindowedLatency(long windowNs, int slices) {
        if (slices < 1 || windowNs < slices) {
            throw new IllegalArgumentException("need windowNs >= slices >= 1: " + windowNs + ", " + slices);
        }
        this.sliceNs = windowNs / slices;
        this.ring = new LatencyStats[slices];
        this.sliceIndex = new long[slices];
        java.util.Arrays.fill(sliceIndex, -1);
    }

    /** Records a duration that ended at {@code endNs}; times must not go backwards by more than the window. */
    void record(long endNs, long durationNs) {
        long index = endNs / sliceNs;
        int at = (int) (index % ring.length);
        if (sliceIndex[at] != index) {
            if (ring[at] == null) {
                ring[at] = new LatencyStats(EXACT_PER_SLICE);
            } else {
                ring[at].clear();
            }
            sliceIndex[at] = index;
        }
        ring[at].record(durationNs);
    }

    /**
     * The durations in the window at {@code nowNs}, merged with {@code open}: the ages of those still running,
     * which a stall would otherwise hide until it ends.
     */
    LatencyStats at(long nowNs, long[] open) {
        long newest = nowNs / sliceNs;
        LatencyStats[] parts = new LatencyStats[ring.length];
        for (int i = 0; i < ring.length; i++) {
            if (sliceIndex[i] > newest - ring.length && sliceIndex[i] <= newest) {
                parts[i] = ring[i];
            }
        }
        return LatencyStats.merge(parts, open);
    }
}
