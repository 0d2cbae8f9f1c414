package dev.lockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class IntIntMapPropertyTest {

    /**
     * Each int is one operation on a small key range, so that keys collide and removals shift runs back:
     * non-negative puts {@code op % 64 -> op}, negative removes {@code -op % 64}.
     */
    @Property
    void behavesLikeAHashMap(@ForAll @Size(max = 400) List<@IntRange(min = -1000, max = 1000) Integer> operations) {
        IntIntMap map = new IntIntMap();
        Map<Integer, Integer> model = new HashMap<>();

        for (int op : operations) {
            if (op >= 0) {
                map.put(op % 64, op);
                model.put(op % 64, op);
            } else {
                int key = -op % 64;
                assertThat(map.remove(key)).isEqualTo(model.getOrDefault(key, IntIntMap.ABSENT));
                model.remove(key);
            }
        }

        assertThat(map.size()).isEqualTo(model.size());
        for (int key = -1; key < 65; key++) {
            assertThat(map.get(key)).isEqualTo(model.getOrDefault(key, IntIntMap.ABSENT));
        }
    }
}
