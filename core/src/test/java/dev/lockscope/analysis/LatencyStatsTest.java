package dev.lockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static final long MS = 1_000_000;

    private static LatencyStats of(long... ns) {
        LatencyStats stats = new LatencyStats();
        for (long v : ns) {
            stats.record(v);
        }
        return stats;
    }

    @Test
    void emptyIsAllZeros() {
        LatencyStats stats = new LatencyStats();

        assertThat(stats.summary()).isEqualTo(new LatencySummary(0, 0, 0, 0, 0));
        assertThat(stats.percentileNs(50)).isZero();
    }

    @Test
    void writerBehindReaders() {
        // Two waits of 0 and one of 1840 ms: nearest rank 2 of 3 for p50, rank 3 for p99.
        LatencyStats stats = of(0, 0, 1840 * MS);

        assertThat(stats.summary()).isEqualTo(new LatencySummary(3, 0, 1840, 1840, 613.333));
    }

    @Test
    void oneToHundred() {
        LatencyStats stats = new LatencyStats();
        for (long v = 100; v >= 1; v--) {
            stats.record(v);
        }

        assertThat(stats.percentileNs(50)).isEqualTo(50);
        assertThat(stats.percentileNs(99)).isEqualTo(99);
        assertThat(stats.percentileNs(100)).isEqualTo(100);
        assertThat(stats.percentileNs(0)).isEqualTo(1);
        assertThat(stats.percentileNs(0.5)).isEqualTo(1);
        assertThat(stats.percentileNs(1)).isEqualTo(1);
        assertThat(stats.percentileNs(1.01)).isEqualTo(2);
    }

    @Test
    void rankIsComputedInDecimal() {
        // 0.07 * 100 is 7.000000000000001 in binary floating point, whose ceiling would wrongly be rank 8.
        LatencyStats stats = new LatencyStats();
        for (long v = 1; v <= 100; v++) {
            stats.record(v);
        }

        assertThat(stats.percentileNs(7)).isEqualTo(7);
        assertThat(stats.percentileNs(0.07 * 100)).isEqualTo(8);
    }

    @Test
    void singleValueIsEveryPercentile() {
        LatencyStats stats = of(5 * MS);

        assertThat(stats.summary()).isEqualTo(new LatencySummary(1, 5, 5, 5, 5));
    }

    @Test
    void millisecondsRoundHalfUpToMicroseconds() {
        // 1 234 500 ns is 1.2345 ms: half-up gives 1.235 (binary rounding of 1.2345 would give 1.234).
        // The mean of 1 and 2 ns is 0.0000015 ms, which rounds to 0.
        assertThat(of(1_234_500).summary().maxMs()).isEqualTo(1.235);
        assertThat(of(1_234_499).summary().maxMs()).isEqualTo(1.234);
        assertThat(of(1, 2).summary().meanMs()).isEqualTo(0);
        assertThat(of(1_000, 2_000).summary().meanMs()).isEqualTo(0.002); // 1.5 µs rounds up
    }

    @Test
    void sortsLateArrivalsBeforeAnswering() {
        LatencyStats stats = of(30, 10, 20);
        assertThat(stats.percentileNs(50)).isEqualTo(20);

        stats.record(0);
        stats.record(5);

        // Sorted: 0 5 10 20 30; rank ceil(2.5) = 3.
        assertThat(stats.percentileNs(50)).isEqualTo(10);
        assertThat(stats.maxNs()).isEqualTo(30);
    }

    @Test
    void sumDoesNotOverflow() {
        LatencyStats stats = of(Long.MAX_VALUE, Long.MAX_VALUE, 2);

        assertThat(stats.sumNs()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(1).add(BigInteger.TWO));
        assertThat(stats.maxNs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void staysExactUpToTheLimit() {
        LatencyStats stats = new LatencyStats();
        for (long v = 1; v <= LatencyStats.EXACT_LIMIT; v++) {
            stats.record(v * 1_000_003);
        }

        assertThat(stats.isExact()).isTrue();
        // rank ceil(0.99 * 65536) = ceil(64880.64) = 64881
        assertThat(stats.percentileNs(99)).isEqualTo(64_881L * 1_000_003);
        assertThat(stats.percentileNs(50)).isEqualTo(32_768L * 1_000_003);
    }

    @Test
    void foldsIntoHistogramPastTheLimit() {
        // 200 000 values v = i * 1 000 003 ns, i = 1..200 000, recorded out of order.
        int n = 200_000;
        LatencyStats stats = new LatencyStats();
        for (int k = 0; k < n; k++) {
            long i = (k * 7919L) % n + 1; // a permutation of 1..n, since 7919 is prime and does not divide n
            stats.record(i * 1_000_003);
        }

        assertThat(stats.isExact()).isFalse();
        assertThat(stats.count()).isEqualTo(n);
        assertThat(stats.maxNs()).isEqualTo(n * 1_000_003L);
        // Exact nearest ranks are 100 000 and 198 000; the histogram must be within 0.1%.
        assertThat((double) stats.percentileNs(50)).isCloseTo(100_000 * 1_000_003.0, within(100_000 * 1_000_003.0 * 0.001));
        assertThat((double) stats.percentileNs(99)).isCloseTo(198_000 * 1_000_003.0, within(198_000 * 1_000_003.0 * 0.001));
        assertThat(stats.percentileNs(100)).isLessThanOrEqualTo(stats.maxNs());
        // mean = 1 000 003 * (n + 1) / 2 ns = 100 000.800 0015 ms, exact before rounding.
        assertThat(stats.summary().meanMs()).isEqualTo(100_000.8);
        assertThat(stats.summary().maxMs()).isEqualTo(200_000.6);
    }

    @Test
    void refusesNegativeDurationsAndBadPercentiles() {
        LatencyStats stats = new LatencyStats();

        assertThatThrownBy(() -> stats.record(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ns");
        assertThatThrownBy(() -> stats.percentileNs(100.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stats.percentileNs(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
