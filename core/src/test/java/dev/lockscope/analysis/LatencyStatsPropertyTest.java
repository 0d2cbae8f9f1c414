package dev.lockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;

class LatencyStatsPropertyTest {

    @Property
    void exactPercentileIsSortingBasedNearestRank(
            @ForAll @NotEmpty @Size(max = 300) List<@LongRange(min = 0, max = 10_000_000_000L) Long> values,
            @ForAll @IntRange(min = 0, max = 100) int percentile) {
        LatencyStats stats = new LatencyStats();
        values.forEach(stats::record);

        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        int rank = Math.max(1, (percentile * n + 99) / 100); // integer ceil(p * n / 100)
        assertThat(stats.percentileNs(percentile)).isEqualTo(sorted[rank - 1]);
        assertThat(stats.maxNs()).isEqualTo(sorted[n - 1]);
        assertThat(stats.sumNs().longValueExact()).isEqualTo(Arrays.stream(sorted).sum());
    }
}
