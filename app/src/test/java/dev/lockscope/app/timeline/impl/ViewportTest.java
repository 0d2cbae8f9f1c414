package dev.lockscope.app.timeline.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViewportTest {
    private final Viewport second = new Viewport(0, 1_000_000_000L, 1000); // 1 ms per pixel

    @Test
    void mapsTimeToPixelsAndBack() {
        assertThat(second.x(250_000_000L)).isEqualTo(250.0);
        assertThat(second.time(250)).isEqualTo(250_000_000L);
    }

    @Test
    void zoomKeepsTheTimeUnderThePivot() {
        Viewport in = second.zoomAt(250, 0.8, Long.MAX_VALUE);
        assertThat(in).isEqualTo(new Viewport(50_000_000L, 850_000_000L, 1000));
        assertThat(in.time(250)).isEqualTo(250_000_000L);
    }

    @Test
    void zoomStopsAtTheNarrowestAndWidestSpans() {
        assertThat(second.zoomAt(0, 1e-12, Long.MAX_VALUE).span()).isEqualTo(Viewport.MIN_SPAN);
        assertThat(second.zoomAt(0, 100, 5_000_000_000L).span()).isEqualTo(5_000_000_000L);
    }

    @Test
    void panMovesTheContentByPixels() {
        assertThat(second.panPixels(-200)).isEqualTo(new Viewport(200_000_000L, 1_200_000_000L, 1000));
    }

    @Test
    void rejectsAnEmptyWindow() {
        assertThatThrownBy(() -> new Viewport(5, 5, 100)).hasMessageContaining("end must be > start");
    }
}
