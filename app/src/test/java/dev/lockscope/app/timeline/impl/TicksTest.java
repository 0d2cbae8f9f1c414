package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void stepIsTheSmallestOneTwoFiveAtLeastTheSpacing() {
        // 1 ms per pixel, ticks at least 110 px apart: 200 ms
        assertThat(Ticks.step(new Viewport(0, 1_000_000_000L, 1000), 110)).isEqualTo(200_000_000L);
        // 10 ns per pixel: 2 µs
        assertThat(Ticks.step(new Viewport(0, 10_000, 1000), 110)).isEqualTo(2_000);
    }

    @Test
    void labelsUseTheUnitOfTheStep() {
        assertThat(Ticks.label(7_500_000_000L, 500_000_000L)).isEqualTo("7.5 s");
        assertThat(Ticks.label(7_000_000_000L, 1_000_000_000L)).isEqualTo("7 s");
        assertThat(Ticks.label(7_250_000_000L, 50_000_000L)).isEqualTo("7250 ms");
        assertThat(Ticks.label(12_000L, 2_000L)).isEqualTo("12 µs");
        assertThat(Ticks.label(150L, 50L)).isEqualTo("150 ns");
        assertThat(Ticks.label(0, 50L)).isEqualTo("0");
    }

    @Test
    void firstTickIsAtOrAfterTheStart() {
        assertThat(Ticks.first(new Viewport(-150, 1000, 100), 100)).isEqualTo(-100);
        assertThat(Ticks.first(new Viewport(200, 1000, 100), 100)).isEqualTo(200);
    }
}
