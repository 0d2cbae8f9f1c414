package dev.lockscope.interval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testing.Property;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveTableTest {
    /** Ids 4,096 apart share a slot: the second goes to the overflow map. */
    @Test
    void idsThatShareASlotAreKeptApart() {
        LiveTable<String> table = new LiveTable<>();
        table.put(7, "a");
        table.put(7 + 4096, "b");
        table.put(7 + 8192, "c");

        table.remove(7);
        assertThat(table.get(7)).isNull();
        assertThat(table.get(7 + 4096)).isEqualTo("b");
        table.put(7 + 3 * 4096, "d"); // takes the freed slot
        table.remove(7 + 8192);

        assertThat(table.get(7 + 4096)).isEqualTo("b");
        assertThat(table.get(7 + 8192)).isNull();
        assertThat(table.get(7 + 3 * 4096)).isEqualTo("d");
        assertThat(table.values()).containsExactlyInAnyOrder("b", "d");
    }

    @Test
    void hugeAndZeroIdsAreKept() {
        LiveTable<String> table = new LiveTable<>();
        table.put(0, "zero");
        table.put(Integer.MAX_VALUE, "max");
        assertThat(table.get(0)).isEqualTo("zero");
        assertThat(table.get(Integer.MAX_VALUE)).isEqualTo("max");
        assertThat(table.get(4095)).isNull();
    }

    private record Op(boolean put, int id) {}

    /** Random puts and removes over ids that collide often agree with a {@link HashMap}. */
    @Test
    void agreesWithAHashMap() {
        Property.forAll(s -> s.listOf(0, 300, t -> new Op(t.bool(), t.intBetween(0, 5) * 4096 + t.intBetween(0, 3))))
                .tries(300)
                .check(ops -> {
                    LiveTable<Integer> table = new LiveTable<>();
                    Map<Integer, Integer> expected = new HashMap<>();
                    for (Op op : ops) {
                        if (op.put() && !expected.containsKey(op.id())) {
                            table.put(op.id(), op.id());
                            expected.put(op.id(), op.id());
                        } else if (!op.put()) {
                            table.remove(op.id());
                            expected.remove(op.id());
                        }
                        for (int id : List.of(0, 1, 2, 3, 4096, 4097, 8192, 12288, 16384, 20480, 20483)) {
                            assertThat(table.get(id)).as("id %d", id).isEqualTo(expected.get(id));
                        }
                    }
                    assertThat(table.values()).containsExactlyInAnyOrderElementsOf(expected.values());
                });
    }
}
