package dev.lockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SummaryTextTest {

    @Test
    void alignsOpsInColumns() {
        // Widths: op 9 (Broadcast), waits 5, wait p50/p99/max 8, holds 5, hold p50/p99/max 8 ("0.001 ms"),
        // waiting 7, holding 7; two spaces between columns.
        String expected = """
                scenario demo · 60000 ms virtual · 123456 events · goroutines max 17, total 240
                op         waits  wait p50  wait p99  wait max  holds  hold p50  hold p99  hold max  waiting  holding
                Add            3      0 ms   1840 ms   1840 ms      3      0 ms      0 ms      0 ms        0        0
                Broadcast      2    0.5 ms   1.25 ms   1.25 ms      1  0.001 ms  0.001 ms  0.001 ms        1        0
                delivery   count 900 · p50 20 ms · p99 2000 ms · max 2010 ms · mean 80 ms · order violations 0 · dropped 3
                alerts     long-wait 1 · long-hold 12 · lock-order 0 · recursive 0 · deadlock 0 · global-deadlock 0 · leak 0 · panic 0
                """;

        assertThat(SummaryText.format(SummaryJsonTest.sample())).isEqualTo(expected);
    }

    @Test
    void saysSoWhenNoLockOperationRan() {
        // Without op names the label column is as wide as "delivery": 8, then the two-space gap.
        String expected = """
                scenario idle · 1.5 ms virtual · 0 events · goroutines max 0, total 0
                ops       no lock operations ran
                delivery  count 0 · p50 0 ms · p99 0 ms · max 0 ms · mean 0 ms · order violations 0 · dropped 0
                alerts    long-wait 0 · long-hold 0 · lock-order 0 · recursive 0 · deadlock 0 · global-deadlock 0 · leak 0 · panic 0
                """;

        assertThat(SummaryText.format(new SummaryAnalyzer("idle", 1_500_000).summary())).isEqualTo(expected);
    }
}
