package dev.lockscope.app.timeline;

import java.util.List;

/**
 * The waits inside a time range dragged out on the axis: per lock and per goroutine group, how many waits
 * overlapped the range, how much waiting they did inside it, and the longest of them. Waits granted at once
 * are not counted.
 *
 * @param start range start, ns
 * @param end   range end, ns
 * @param rows  one line per lock, then per goroutine group that waited; rows without waits are left out
 */
public record RangeSummary(long start, long end, List<Row> rows) {
    public RangeSummary {
        rows = List.copyOf(rows);
    }

    /**
     * @param name      the lock's name, or the goroutine group ({@code Broadcast}, {@code Reload}, ...)
     * @param waits     waits overlapping the range
     * @param totalWait their waiting time inside the range, ns
     * @param maxWait   the longest of them, in full, ns
     */
    public record Row(String name, int waits, long totalWait, long maxWait) {}
}
