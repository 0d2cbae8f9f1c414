package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.testing.Gen;
import dev.lockscope.testing.Gens;
import dev.lockscope.testing.Property;
import java.util.List;
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

    /** Names built to hit the number rules (digits, a '#', leading zeros, overflow) among any other text. */
    private static final Gen<String> NAMES = s -> {
        String head = s.bool() ? Gens.anyStrings(12).from(s) : Gens.strings("#Sendx_0", 0, 6).from(s);
        return head + Gens.strings("0123456789", 0, 12).from(s);
    };

    @Test
    void everyNameRoundTrips() {
        Property.forAll(NAMES).tries(500).describedBy(Gens::quote).check(SpawnShapeTest::roundTrips);
    }

    @Test
    void namesAtTheEdgesRoundTrip() {
        for (String name : List.of("", "0", "00", "#", "#0", "x#007", "x2147483647", "x2147483648", "x-1",
                "9".repeat(19), "\uD800123", "Broadcast#17\n", "\u0661\u0662")) {
            roundTrips(name);
        }
    }

    private static void roundTrips(String name) {
        assertThat(SpawnShape.of(name, "k").name(SpawnShape.number(name))).as(Gens.quote(name)).isEqualTo(name);
    }

    /** The view reads a spawn's kind and name from its row as the rebuilt event has them. */
    @Test
    void theViewReadsSpawnKindAndNameWithoutTheEvent() {
        TraceStore store = new TraceStore();
        store.accept(new TraceEvent.Spawn(0, 1, "Broadcast#17", "Broadcast", 0));
        store.accept(new TraceEvent.Spawn(1, 2, "Send(eve)", "Send", 1));
        store.accept(new TraceEvent.Exit(2, 2));
        TraceView view = store.view();
        for (int row = 0; row < 2; row++) {
            TraceEvent.Spawn spawn = (TraceEvent.Spawn) view.event(row);
            assertThat(view.spawnKind(row)).isEqualTo(spawn.kind());
            assertThat(view.spawnName(row)).isEqualTo(spawn.name());
        }
        assertThat(view.spawnName(0)).isEqualTo("Broadcast#17");
        assertThat(view.spawnKind(1)).isEqualTo("Send");
        assertThatThrownBy(() -> view.spawnName(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 2 is EXIT, not SPAWN");
    }
}
