package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsTest {
    @Test
    void durationsHaveThreeSignificantDigits() {
        assertThat(Formats.duration(450)).isEqualTo("450 ns");
        assertThat(Formats.duration(12_340)).isEqualTo("12.3 µs");
        assertThat(Formats.duration(880_276_000)).isEqualTo("880 ms");
        assertThat(Formats.duration(1_764_755_000L)).isEqualTo("1.76 s");
        assertThat(Formats.duration(1_000_000_000L)).isEqualTo("1 s");
    }

    @Test
    void instantsAreSecondsToTheMillisecond() {
        assertThat(Formats.instant(7_500_069_000L)).isEqualTo("7.500 s");
    }
}
