package dev.lockscope.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link RunMonitor.Log}: bounded, and a reader that polls misses nothing. */
class MonitorLogTest {
    @Test
    void fullItForgetsItsOlderHalfButCountsEverything() {
        RunMonitor.Log<Integer> log = new RunMonitor.Log<>(4);
        for (int i = 0; i < 5; i++) {
            log.add(i);
        }
        assertThat(log.size()).isEqualTo(5);
        assertThat(log.since(0)).containsExactly(2, 3, 4); // 0 and 1 forgotten when 4 came
        assertThat(log.since(3)).containsExactly(3, 4);
        assertThat(log.since(5)).isEmpty();
    }

    @Test
    void aReaderThatPollsReadsEachElementOnce() {
        RunMonitor.Log<Integer> log = new RunMonitor.Log<>(4);
        int next = 0;
        StringBuilder read = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            log.add(i);
            if (i % 3 == 0) {
                RunMonitor.Slice<Integer> slice = log.read(next, 0);
                slice.items().forEach(x -> read.append(x).append(' '));
                next = slice.next();
            }
        }
        assertThat(read.toString()).isEqualTo("0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 ");
    }

    @Test
    void thinningKeepsEveryOtherAndStartsANewEpoch() {
        RunMonitor.Log<Integer> log = new RunMonitor.Log<>(4);
        List.of(0, 1, 2, 3).forEach(log::add);
        RunMonitor.Slice<Integer> before = log.read(0, 0);
        log.thin();
        log.add(4);
        RunMonitor.Slice<Integer> after = log.read(before.next(), before.epoch());
        assertThat(after.restarted()).isTrue();
        assertThat(after.items()).containsExactly(0, 2, 4);
        assertThat(after.epoch()).isEqualTo(1);
        assertThat(log.read(after.next(), after.epoch()).items()).isEmpty();
    }

    /** 10,000 virtual seconds of a quiet script: samples stay within the bound and still span the whole run. */
    @Test
    void samplesOfALongRunStayBoundedAndSpanIt() {
        RunMonitor monitor = new RunMonitor(Scripts.script().mutex("L").duration(10_000_000)
                .go("g", 0, "lock L", "unlock L").build());
        for (long s = 1; s <= 10_000; s++) {
            monitor.advanceTo(s * 1_000_000_000L); // a second at a time, as a run's events move it
        }
        List<MetricSample> samples = monitor.samples().since(0);
        assertThat(samples.size()).isLessThanOrEqualTo(RunMonitor.SAMPLES_KEPT).isGreaterThan(RunMonitor.SAMPLES_KEPT / 2);
        assertThat(samples.getFirst().timeNs()).isZero();
        assertThat(samples.getLast().timeNs()).isGreaterThan(9_990L * 1_000_000_000L);
        long step = samples.get(1).timeNs() - samples.get(0).timeNs();
        assertThat(step).isEqualTo(RunMonitor.SAMPLE_NS * 8); // 40,000 samples' worth thinned three times
        for (int i = 1; i < samples.size(); i++) {
            assertThat(samples.get(i).timeNs() - samples.get(i - 1).timeNs()).isEqualTo(step);
        }
    }
}
