package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Spawn names split into an interned shape and a number, and put back together unchanged. */
class SpawnShapeTest {

    @Test
    void numberedNamesShareAShape() {
        assertThat(SpawnShape.of("Broadcast#17", "Broadcast")).isEqualTo(SpawnShape.of("Broadcast#2", "Broadcast"));
        assertThat(SpawnShape.number("Broadcast#17")).isEqualTo(17);
    }

    @Test
    void digitsThatWouldNotRoundTripStayInTheName() {
        assertThat(SpawnShape.of("g007", "k").numbered()).isFalse();
        assertThat(SpawnShape.of("x12345678901", "k").numbered()).isFalse();
        assertThat(SpawnShape.of("Broadcast#", "k").numbered()).isFalse();
        assertThat(SpawnShape.of("0", "k").numbered()).isTrue();
    }

    @Property(tries = 500)
    void everyNameRoundTrips(@ForAll String name) {
        assertThat(SpawnShape.of(name, "k").name(SpawnShape.number(name))).isEqualTo(name);
    }
}
