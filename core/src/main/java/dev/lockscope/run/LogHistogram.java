package dev.lockscope.run;

import java.util.Arrays;

/**
 * Durations in nanoseconds, for live percentiles: exact while few, then log-linear buckets. Not thread-safe.
 *
 * <p><b>Exactness.</b> The first {@value #RAW_LIMIT} values are kept, and while no more than that were recorded,
 * percentiles are exact (nearest rank, like {@code analysis.LatencyStats}). After that they come from 64 buckets
 * per power of two: within 1/64 (1.6%) of the exact value, and never above the maximum, which stays exact.
 *
 * <p><b>Cost.</b> {@link #record} is constant time without allocation once the raw array has grown; memory is
 * bounded (about 15 KB of buckets, allocated when the raw values overflow).
 */
final class LogHistogram {
    static final int RAW_LIMIT = 256;
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS + 1) * SUB;

    private long[] raw = new long[8];
    private int[] buckets; // null while exact
    private long count;
    private long max;

    void record(long ns) {
        if (ns < 0) {
            throw new IllegalArgumentException("ns must be >= 0: " + ns);
        }
        count++;
        max = Math.max(max, ns);
        if (buckets == null && count <= RAW_LIMIT) {
            if (count > raw.length) {
                raw = Arrays.copyOf(raw, Math.min(RAW_LIMIT, raw.length * 2));
            }
            raw[(int) count - 1] = ns;
            return;
        }
        if (buckets == null) {
            buckets = new int[BUCKETS];
            for (long v : raw) {
                buckets[bucket(v)]++;
            }
            raw = null;
        }
        buckets[bucket(ns)]++;
    }

    void clear() {
        raw = new long[8];
        buckets = null;
        count = 0;
        max = 0;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    boolean isExact() {
        return buckets == null;
    }

    /** Copies the raw values of an exact histogram into {@code exact} from index {@code from}. */
    void copyRawTo(long[] exact, int from) {
        System.arraycopy(raw, 0, exact, from, (int) count);
    }

    /** Adds this histogram's values to bucket {@code counts}. */
    void addTo(long[] counts) {
        if (buckets != null) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] += buckets[i];
            }
        } else {
            for (int i = 0; i < count; i++) {
                counts[bucket(raw[i])]++;
            }
        }
    }

    /** The nearest-rank percentile {@code p} (0..100] of the values recorded, or 0 when none were. */
    long percentile(double p) {
        return Merged.of(new LogHistogram[] {this}, new long[0]).percentile(p);
    }

    static int bucket(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
        int sub = (int) ((v >>> (exp - SUB_BITS)) & (SUB - 1));
        return (exp - SUB_BITS + 1) * SUB + sub;
    }

    /** The middle of a bucket's range. */
    static long value(int bucket) {
        if (bucket < SUB) {
            return bucket;
        }
        int exp = bucket / SUB + SUB_BITS - 1;
        long sub = bucket % SUB;
        long lower = (SUB + sub) << (exp - SUB_BITS);
        return lower + ((1L << (exp - SUB_BITS)) >>> 1);
    }

    /** Several histograms (and loose values) read as one, for percentiles. */
    static final class Merged {
        private final long[] sorted; // when all parts are exact
        private final long[] counts; // otherwise
        private final long count;
        private final long max;

        private Merged(long[] sorted, long[] counts, long count, long max) {
            this.sorted = sorted;
            this.counts = counts;
            this.count = count;
            this.max = max;
        }

        static Merged of(LogHistogram[] parts, long[] extra) {
            long count = extra.length;
            long max = 0;
            boolean exact = true;
            for (LogHistogram h : parts) {
                if (h != null) {
                    count += h.count;
                    max = Math.max(max, h.max);
                    exact &= h.isExact();
                }
            }
            for (long v : extra) {
                max = Math.max(max, v);
            }
            if (exact) {
                long[] all = new long[(int) count];
                int n = 0;
                for (LogHistogram h : parts) {
                    if (h != null) {
                        h.copyRawTo(all, n);
                        n += (int) h.count;
                    }
                }
                System.arraycopy(extra, 0, all, n, extra.length);
                Arrays.sort(all);
                return new Merged(all, null, count, max);
            }
            long[] counts = new long[BUCKETS];
            for (LogHistogram h : parts) {
                if (h != null) {
                    h.addTo(counts);
                }
            }
            for (long v : extra) {
                counts[bucket(v)]++;
            }
            return new Merged(null, counts, count, max);
        }

        long count() {
            return count;
        }

        long max() {
            return max;
        }

        long percentile(double p) {
            if (count == 0) {
                return 0;
            }
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * count));
            if (sorted != null) {
                return sorted[(int) rank - 1];
            }
            if (rank >= count) {
                return max;
            }
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(max, value(i));
                }
            }
            return max;
        }
    }
}
