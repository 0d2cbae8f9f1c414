package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testing.Property;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockerSetsTest {
    @Test
    void equalSetsShareAnIdAndEveryIdGivesItsSetBack() {
        Property.forAll(s -> s.listOf(0, 300, t -> t.listOf(0, 5, u -> u.intBetween(-1, 6)))).tries(200)
                .check(BlockerSetsTest::equalSetsShareAnIdAndEveryIdGivesItsSetBack);
    }

    @Test
    void equalSetsShareAnIdAtTheEdges() {
        equalSetsShareAnIdAndEveryIdGivesItsSetBack(List.of());
        equalSetsShareAnIdAndEveryIdGivesItsSetBack(List.of(List.of()));
        equalSetsShareAnIdAndEveryIdGivesItsSetBack(List.of(List.of(-1), List.of(6), List.of(0), List.of(-1)));
        equalSetsShareAnIdAndEveryIdGivesItsSetBack(List.of(List.of(6, 6, 6, 6, 6), List.of(), List.of(-1, -1),
                List.of(6, 6, 6, 6, 6), List.of(-1, 6)));
    }

    private static void equalSetsShareAnIdAndEveryIdGivesItsSetBack(List<List<Integer>> sets) {
        BlockerSets pool = new BlockerSets();
        Map<List<Integer>, Integer> ids = new HashMap<>();
        int pooled = 0;
        for (List<Integer> set : sets) {
            int[] scratch = new int[set.size() + 3]; // longer than the set: only the first `count` count
            for (int i = 0; i < set.size(); i++) {
                scratch[i] = set.get(i);
            }
            int id = pool.intern(scratch, set.size());
            Integer known = ids.putIfAbsent(set, id);
            boolean singleton = set.size() == 1 && set.getFirst() >= 0;
            if (known != null) {
                assertThat(id).isEqualTo(known);
            } else if (singleton) {
                assertThat(id).as("a singleton is stored as its id's complement").isEqualTo(~set.getFirst());
            } else {
                assertThat(id).as("pool ids are dense").isEqualTo(pooled++);
            }
        }
        assertThat(pool.size()).isEqualTo(pooled);
        ids.forEach((set, id) -> assertThat(pool.value(id)).isEqualTo(set));
    }

    @Test
    void manySetsSurviveGrowingTheIndex() {
        BlockerSets pool = new BlockerSets();
        List<List<Integer>> sets = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            int[] ids = {i + 1, i + 2, 7};
            assertThat(pool.intern(ids, 3)).isEqualTo(i);
            sets.add(List.of(i + 1, i + 2, 7));
        }
        for (int i = 0; i < 5000; i++) {
            assertThat(pool.intern(new int[] {i + 1, i + 2, 7}, 3)).isEqualTo(i);
            assertThat(pool.value(i)).isEqualTo(sets.get(i));
        }
    }
}
