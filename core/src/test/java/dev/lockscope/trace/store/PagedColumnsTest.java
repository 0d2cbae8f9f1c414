package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public face of the store's paged columns: values read back as written, before and after paging. */
class PagedColumnsTest {
    private static final int N = 10_000;

    @TempDir
    Path dir;

    @Test
    void columnsReadBackWhatWasWrittenAfterTheirChunksArePaged() {
        PagedColumns columns = new PagedColumns(dir, 0); // page every full chunk at once
        PagedColumns.Ints ints = columns.ints(10);
        PagedColumns.Longs longs = columns.longs(9);
        PagedColumns.Bytes bytes = columns.bytes(12);
        for (int i = 0; i < N; i++) {
            ints.add(i * 7);
            longs.add(i * 1_000_000_007L);
            bytes.add((byte) i);
        }
        ints.set(3, -1); // in a paged chunk
        longs.set(N - 1, 5); // in the chunk being filled
        bytes.set(0, (byte) 99);

        assertThat(ints.size()).isEqualTo(N);
        assertThat(ints.get(3)).isEqualTo(-1);
        assertThat(ints.get(N - 2)).isEqualTo((N - 2) * 7);
        assertThat(longs.get(1234)).isEqualTo(1234 * 1_000_000_007L);
        assertThat(longs.get(N - 1)).isEqualTo(5);
        assertThat(bytes.get(0)).isEqualTo((byte) 99);
        assertThat(bytes.get(4097)).isEqualTo((byte) 4097);
        TraceStore.Memory m = columns.memory();
        // Full chunks: 9 of 1,024 ints, 19 of 512 longs, 2 of 4,096 bytes; on the heap, one chunk of each.
        assertThat(m.spilledChunks()).isEqualTo(9 + 19 + 2);
        assertThat(m.heapChunkBytes()).isEqualTo(4096 + 4096 + 4096);
        assertThat(m.pagingFailure()).isNull();
    }

    @Test
    void withoutAFolderEverythingStaysOnTheHeap() {
        PagedColumns columns = new PagedColumns(null, 0);
        PagedColumns.Ints ints = columns.ints(10);
        for (int i = 0; i < N; i++) {
            ints.add(i);
        }
        assertThat(ints.get(N - 1)).isEqualTo(N - 1);
        assertThat(columns.memory().mappedBytes()).isZero();
        assertThat(columns.memory().spilledChunks()).isZero();
    }

    @Test
    void intsByIdTakeAnyIdAndReadZeroWhereNeverSet() {
        PagedColumns columns = new PagedColumns(dir, 0);
        PagedColumns.IntsById byId = columns.intsById();
        byId.set(0, 1);
        byId.set(1024, 2);
        byId.set(Integer.MAX_VALUE, 3);
        assertThat(byId.get(0)).isEqualTo(1);
        assertThat(byId.get(1)).isZero();
        assertThat(byId.get(1024)).isEqualTo(2);
        assertThat(byId.get(Integer.MAX_VALUE)).isEqualTo(3);
        assertThat(byId.get(5_000_000)).isZero();
        assertThat(byId.get(-1)).isZero();
        assertThat(columns.memory().spilledChunks()).isEqualTo(3); // a mapped leaf per 1,024 ids touched
        assertThatThrownBy(() -> byId.set(-1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBudgetKeepsTheFirstChunksOnTheHeap() {
        PagedColumns columns = new PagedColumns(dir, 64 * 1024);
        PagedColumns.Ints ints = columns.ints(10);
        for (int i = 0; i < 64 * 1024; i++) {
            ints.add(i);
        }
        TraceStore.Memory m = columns.memory();
        // 64 chunks of 4 KiB. When chunk 15 starts, the heap holds 16 of them: the budget. Chunks 0..13 stay on the
        // heap; from chunk 14 on every full one is paged (chunk 63 is full but none has started after it).
        assertThat(m.spilledChunks()).isEqualTo(63 - 14);
        assertThat(m.heapChunkBytes()).isEqualTo((14 + 1) * 4096);
        assertThat(ints.get(12345)).isEqualTo(12345);
    }
}
