package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdTableTest {
    @TempDir
    Path dir;

    @Test
    void aLeafWhoseSlotsAllEmptyAgainIsDroppedAndComesBackWhenNeeded() {
        IdTable.Refs<String> refs = new IdTable.Refs<>();
        refs.set(1024, "a");
        refs.set(1030, "b");
        refs.set(1024, null);
        assertThat(refs.leaf(1030)).isNotNull();
        refs.set(1030, null);
        assertThat(refs.leaf(1030)).isNull(); // all of 1024..2047 empty: no leaf
        assertThat(refs.get(1024)).isNull();
        refs.set(2047, "c");
        assertThat(refs.get(2047)).isEqualTo("c");
        assertThat(refs.get(1030)).isNull();
        refs.set(5_000, null); // null where there is no leaf creates none
        assertThat(refs.leaf(5_000)).isNull();
    }

    @Test
    void aDroppedLeafComesBackOnlyForItsOwnIds() {
        IdTable.Refs<String> refs = new IdTable.Refs<>();
        refs.set(1030, "a");
        Object[] first = refs.leaf(1030);
        refs.set(1030, null);
        assertThat(refs.leaf(1030)).isNull();
        refs.set(2047, "b"); // the same ids as the dropped leaf: it comes back, with its slots empty
        assertThat(refs.leaf(2047)).isSameAs(first);
        assertThat(refs.get(1030)).isNull();
        assertThat(refs.get(2047)).isEqualTo("b");
        refs.set(2047, null);
        refs.set(2048, "c"); // other ids: a leaf of their own
        assertThat(refs.leaf(2048)).isNotSameAs(first);
        assertThat(refs.get(2048)).isEqualTo("c");
        assertThat(refs.leaf(1030)).isNull();
    }

    @Test
    void pagedLeavesReadAsHeapLeaves() {
        ChunkSpill spill = new ChunkSpill(dir);
        IdTable.Ints ints = new IdTable.Ints(spill);
        IdTable.Bytes bytes = new IdTable.Bytes(spill);
        for (int id = 0; id < 5_000; id += 3) {
            ints.set(id, id * 7);
            bytes.set(id, (byte) id);
        }
        assertThat(spill.chunks()).isEqualTo(10); // 5 leaves of each
        assertThat(spill.heapBytes()).isZero();
        for (int id = 0; id < 5_000; id++) {
            assertThat(ints.get(id)).isEqualTo(id % 3 == 0 ? id * 7 : 0);
            assertThat(bytes.get(id)).isEqualTo(id % 3 == 0 ? (byte) id : 0);
        }
    }

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
