package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdTableTest {
    @Test
    void slotsAtLevelBoundariesAndTheLargestId() {
        IdTable.Refs<String> refs = new IdTable.Refs<>();
        int[] ids = {0, 1, 1023, 1024, (1 << 20) - 1, 1 << 20, 50_000_000, Integer.MAX_VALUE};
        for (int id : ids) {
            refs.set(id, "v" + id);
        }
        for (int id : ids) {
            assertThat(refs.get(id)).isEqualTo("v" + id);
        }
        assertThat(refs.get(2)).isNull();
        assertThat(refs.get(Integer.MAX_VALUE - 1)).isNull();
        assertThat(refs.get(-1)).isNull();
        refs.set(50_000_000, null);
        assertThat(refs.get(50_000_000)).isNull();
    }

    @Test
    void intsAndBytesReadZeroWhereNeverSet() {
        IdTable.Ints ints = new IdTable.Ints();
        IdTable.Bytes bytes = new IdTable.Bytes();
        ints.set(Integer.MAX_VALUE, 7);
        bytes.set(Integer.MAX_VALUE, (byte) 3);

        assertThat(ints.get(Integer.MAX_VALUE)).isEqualTo(7);
        assertThat(bytes.get(Integer.MAX_VALUE)).isEqualTo((byte) 3);
        assertThat(ints.get(Integer.MAX_VALUE - 1)).isZero();
        assertThat(ints.get(5)).isZero();
        assertThat(bytes.get(-3)).isZero();
    }
}
