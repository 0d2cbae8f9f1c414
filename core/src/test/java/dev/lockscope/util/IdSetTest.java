package dev.lockscope.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockscope.testing.Property;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdSetTest {
    @Test
    void hugeAndSparseIds() {
        IdSet set = new IdSet();
        assertThat(set.add(Integer.MAX_VALUE)).isTrue();
        assertThat(set.add(50_000_000)).isTrue();
        assertThat(set.add(0)).isTrue();
        assertThat(set.add(Integer.MAX_VALUE)).isFalse();

        assertThat(set.contains(Integer.MAX_VALUE)).isTrue();
        assertThat(set.contains(50_000_000)).isTrue();
        assertThat(set.contains(50_000_001)).isFalse();
        assertThat(set.contains(Integer.MAX_VALUE - 1)).isFalse();
        assertThat(set.contains(-1)).isFalse();
        assertThat(set.size()).isEqualTo(3);
        assertThatThrownBy(() -> set.add(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageTurnsIntoABitmapPastFourThousandIdsAndKeepsThemAll() {
        IdSet set = new IdSet();
        for (int i = 0; i < 10_000; i++) {
            assertThat(set.add(3 * i)).isTrue(); // 3 * 9999 < 65536: one page
        }
        for (int i = 0; i < 30_000; i++) {
            assertThat(set.contains(i)).as("%d", i).isEqualTo(i % 3 == 0);
        }
        assertThat(set.size()).isEqualTo(10_000);
    }

    @Test
    void agreesWithAHashSetInAnyOrder() {
        Property.forAll(s -> s.listOf(0, 6000, t -> t.intBetween(0, 3) == 0 ? t.intBetween(0, Integer.MAX_VALUE)
                : t.intBetween(0, 70_000))).tries(100).check(ids -> {
            IdSet set = new IdSet();
            Set<Integer> expected = new HashSet<>();
            for (int id : ids) {
                assertThat(set.add(id)).isEqualTo(expected.add(id));
            }
            for (int id : ids) {
                assertThat(set.contains(id)).isTrue();
                assertThat(set.contains(id + 1)).isEqualTo(expected.contains(id + 1));
            }
            assertThat(set.size()).isEqualTo(expected.size());
        });
    }

    @Test
    void anEmptySetHasNothing() {
        assertThat(new IdSet().contains(0)).isFalse();
        assertThat(new IdSet().size()).isZero();
    }
}
