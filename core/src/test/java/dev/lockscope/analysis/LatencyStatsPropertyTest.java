package dev.lockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testing.Property;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsPropertyTest {
    private static final long MAX_NS = 10_000_000_000L;

    record Case(List<Long> values, int percentile) {}

    @Test
    void exactPercentileIsSortingBasedNearestRank() {
        Property.forAll(s -> new Case(s.listOf(1, 300, t -> t.longBetween(0, MAX_NS)), s.intBetween(0, 100)))
                .check(LatencyStatsPropertyTest::exactPercentileIsSortingBasedNearestRank);
    }

    @Test
    void exactPercentileAtTheEdges() {
        for (int p : new int[] {0, 1, 50, 99, 100}) {
            exactPercentileIsSortingBasedNearestRank(new Case(List.of(0L), p));
            exactPercentileIsSortingBasedNearestRank(new Case(List.of(MAX_NS), p));
            exactPercentileIsSortingBasedNearestRank(new Case(List.of(MAX_NS, 0L, 1L), p));
            // The most values, all the largest.
            exactPercentileIsSortingBasedNearestRank(new Case(Collections.nCopies(300, MAX_NS), p));
        }
    }

    private static void exactPercentileIsSortingBasedNearestRank(Case c) {
        LatencyStats stats = new LatencyStats();
        c.values().forEach(stats::record);

        long[] sorted = c.values().stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        int rank = Math.max(1, (c.percentile() * n + 99) / 100); // integer ceil(p * n / 100)
        assertThat(stats.percentileNs(c.percentile())).isEqualTo(sorted[rank - 1]);
        assertThat(stats.maxNs()).isEqualTo(sorted[n - 1]);
        assertThat(stats.sumNs().longValueExact()).isEqualTo(Arrays.stream(sorted).sum());
    }
}
