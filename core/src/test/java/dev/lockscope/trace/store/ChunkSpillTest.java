package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunked vectors with a {@link ChunkSpill}: full chunks move to mapped memory and read as before. */
class ChunkSpillTest {
    private static final int SHIFT = 12; // 4,096 ints: 16 KiB chunks, above the page the spill requires
    private static final int CHUNK = 1 << SHIFT;

    @TempDir
    Path dir;

    @Test
    void fullIntChunksAreMappedAndReadTheSame() {
        ChunkSpill spill = new ChunkSpill(dir);
        IntVector v = new IntVector(SHIFT, spill);
        int n = 5 * CHUNK + 17;
        for (int i = 0; i < n; i++) {
            v.add(i * 31);
        }
        assertThat(spill.chunks()).isEqualTo(5); // chunks 0..4 are full; chunk 5 is being filled
        assertThat(spill.heapBytes()).isEqualTo((long) CHUNK * Integer.BYTES);
        for (int i = 0; i < n; i++) {
            assertThat(v.get(i)).isEqualTo(i * 31);
            assertThat(v.getOr(i, -1)).isEqualTo(i * 31);
        }
        assertThat(v.getOr(n + CHUNK, -1)).isEqualTo(-1);
    }

    @Test
    void setWritesThroughToAMappedChunk() {
        ChunkSpill spill = new ChunkSpill(dir);
        IntVector v = new IntVector(SHIFT, spill);
        for (int i = 0; i < 3 * CHUNK; i++) {
            v.add(0);
        }
        v.set(7, 42); // in chunk 0, mapped since chunk 1 started
        v.set(2 * CHUNK + 1, 43); // in the chunk being filled
        assertThat(v.get(7)).isEqualTo(42);
        assertThat(v.get(2 * CHUNK + 1)).isEqualTo(43);
        assertThat(v.get(8)).isZero();
    }

    @Test
    void longAndByteVectorsPageToo() {
        ChunkSpill spill = new ChunkSpill(dir);
        LongVector longs = new LongVector(SHIFT, spill);
        ByteVector bytes = new ByteVector(SHIFT, spill);
        for (int i = 0; i < 3 * CHUNK; i++) {
            longs.addOpaque(i * 1_000_000_007L);
            bytes.add((byte) i);
        }
        assertThat(spill.chunks()).isEqualTo(4); // two of each
        for (int i = 0; i < 3 * CHUNK; i++) {
            assertThat(longs.get(i)).isEqualTo(i * 1_000_000_007L);
            assertThat(longs.getOpaqueOr(i, -1)).isEqualTo(i * 1_000_000_007L);
            assertThat(bytes.get(i)).isEqualTo((byte) i);
        }
    }

    @Test
    void timesOfMappedChunksIncludingWideBlocks() {
        ChunkSpill spill = new ChunkSpill(dir);
        TimeColumn times = new TimeColumn(spill);
        int n = 3 << 16;
        long t = 0;
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            t += i % 1000 == 999 ? 5_000_000_000L : 3; // every 1000th step too long for a block's 32-bit offsets
            expected[i] = t;
            times.add(t);
        }
        assertThat(spill.chunks()).isEqualTo(4); // offsets and bases of chunks 0 and 1
        for (int i = 0; i < n; i++) {
            assertThat(times.get(i)).isEqualTo(expected[i]);
        }
    }

    @Test
    void aFolderThatCannotTakeTheChunksKeepsThemOnTheHeap() {
        ChunkSpill spill = new ChunkSpill(dir.resolve("missing"));
        IntVector v = new IntVector(SHIFT, spill);
        for (int i = 0; i < 3 * CHUNK; i++) {
            v.add(i);
        }
        assertThat(spill.failure()).startsWith("cannot page the trace to " + dir.resolve("missing"));
        assertThat(spill.chunks()).isZero();
        assertThat(spill.heapBytes()).isEqualTo(3L * CHUNK * Integer.BYTES);
        for (int i = 0; i < 3 * CHUNK; i++) {
            assertThat(v.get(i)).isEqualTo(i);
        }
    }

    @Test
    void smallChunksStayOnTheHeap() {
        ChunkSpill spill = new ChunkSpill(dir);
        IntVector v = new IntVector(8, spill); // 1 KiB chunks
        for (int i = 0; i < 4096; i++) {
            v.add(i);
        }
        assertThat(spill.chunks()).isZero();
        assertThat(spill.heapBytes()).isZero(); // not counted either: below a page, not a chunked column
    }

    @Test
    void regionFilesAreUnlinkedAtOnce() throws Exception {
        ChunkSpill spill = new ChunkSpill(dir);
        IntVector v = new IntVector(SHIFT, spill);
        for (int i = 0; i < 2 * CHUNK; i++) {
            v.add(i);
        }
        assertThat(spill.mappedBytes()).isEqualTo(ChunkSpill.REGION_BYTES);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(v.get(CHUNK - 1)).isEqualTo(CHUNK - 1);
    }
}
