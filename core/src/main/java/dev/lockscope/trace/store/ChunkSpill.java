package dev.lockscope.trace.store;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Where a store's full column chunks go instead of the heap: memory-mapped regions of temporary files. The heap
 * keeps each vector's chunk being filled; the chunks before it live in the page cache, which the operating system
 * writes out and reads back as readers touch them, so the heap a store needs no longer grows with its rows.
 *
 * <p><b>Files.</b> Each region ({@value #REGION_BYTES} bytes) is a file created in the chosen folder, filled with
 * zeros through the channel (so that the disk space exists: a full disk fails here, with an {@link IOException},
 * instead of a fault on a later write through the mapping), mapped, and unlinked at once where the file system
 * allows it (else deleted at exit): nothing is left behind, even after a crash. The mappings belong to an automatic
 * {@link Arena}: they are unmapped when the store and every view and segment of it are unreachable, so a reader
 * can never touch an unmapped chunk.
 *
 * <p><b>Budget.</b> Paging starts only once the vectors' heap chunks exceed the heap budget given at construction;
 * from then on every full chunk is paged. So a trace that fits the budget (a million events take about 30 MB) loads
 * as fast as without paging, with no file made, and a bigger one keeps at most the budget on the heap, plus the
 * chunks being filled.
 *
 * <p><b>Failure.</b> If a region cannot be made (disk full, folder not writable), the spill stops for good and
 * {@link #store} returns {@code null}: the vectors keep their chunks on the heap, as without a spill, and
 * {@link #failure()} says why.
 *
 * <p><b>Threads.</b> Only the store's writer thread spills; readers only read the segments they are given, whose
 * contents were copied before the vector published them.
 */
final class ChunkSpill {
    /** Bytes per mapped region: a few dozen mappings per 100 million rows, far below the kernel's limit. */
    static final long REGION_BYTES = 64L << 20;
    /** Chunks smaller than a page stay on the heap: the mapping would cost more than it saves. */
    static final int MIN_CHUNK_BYTES = 4096;
    private static final int ZEROS = 1 << 20;

    private final Path folder;
    private final Arena arena = Arena.ofAuto();
    private MemorySegment region;
    private long used = REGION_BYTES;
    private volatile long mappedBytes;
    private volatile long chunks;
    /** Bytes of chunks the store's vectors hold on the heap: allocated minus spilled (writer only, read racily). */
    private volatile long heapBytes;
    private volatile String failure;
    private final long heapBudget;
    /** Writer only: set once the heap chunks exceeded the budget; never cleared, so that paging does not flap. */
    private boolean paging;

    /** @param folder where the region files are created (and at once unlinked); {@code null}: never spill */
    ChunkSpill(Path folder) {
        this(folder, 0);
    }

    /**
     * @param folder     as in {@link #ChunkSpill(Path)}
     * @param heapBudget bytes of heap chunks to keep before paging starts (0: page every full chunk)
     */
    ChunkSpill(Path folder, long heapBudget) {
        this.folder = folder;
        this.heapBudget = heapBudget;
    }

    /** The chunk's copy in a mapped region, or {@code null} if the spill has failed (then keep the array). */
    MemorySegment store(int[] chunk) {
        MemorySegment s = allocate((long) chunk.length * Integer.BYTES);
        if (s != null) {
            MemorySegment.copy(chunk, 0, s, ValueLayout.JAVA_INT, 0, chunk.length);
            heapBytes -= (long) chunk.length * Integer.BYTES;
        }
        return s;
    }

    /** Like {@link #store(int[])}. */
    MemorySegment store(long[] chunk) {
        MemorySegment s = allocate((long) chunk.length * Long.BYTES);
        if (s != null) {
            MemorySegment.copy(chunk, 0, s, ValueLayout.JAVA_LONG, 0, chunk.length);
            heapBytes -= (long) chunk.length * Long.BYTES;
        }
        return s;
    }

    /** Like {@link #store(int[])}. */
    MemorySegment store(byte[] chunk) {
        MemorySegment s = allocate(chunk.length);
        if (s != null) {
            MemorySegment.copy(chunk, 0, s, ValueLayout.JAVA_BYTE, 0, chunk.length);
            heapBytes -= chunk.length;
        }
        return s;
    }

    /** Zeroed mapped memory of {@code bytes} (a multiple of 8, at most a region), or {@code null} after a failure. */
    MemorySegment allocate(long bytes) {
        if (failure != null || folder == null) {
            return null;
        }
        if (!paging) {
            if (heapBytes < heapBudget) {
                return null;
            }
            paging = true;
        }
        if (used + bytes > REGION_BYTES) {
            try {
                region = mapRegion();
            } catch (IOException | RuntimeException e) {
                failure = "cannot page the trace to " + folder + ": " + e.getMessage();
                return null;
            }
            used = 0;
            mappedBytes += REGION_BYTES;
        }
        MemorySegment s = region.asSlice(used, bytes);
        used += bytes;
        chunks++;
        return s;
    }

    private MemorySegment mapRegion() throws IOException {
        Path file = Files.createTempFile(folder, "lockscope-store-", ".chunks");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            try {
                Files.delete(file); // the open channel, then the mapping, keep the data until unmapped
            } catch (IOException e) {
                file.toFile().deleteOnExit(); // a file system that refuses to unlink an open file
            }
            ByteBuffer zeros = ByteBuffer.allocateDirect(ZEROS);
            for (long at = 0; at < REGION_BYTES; at += ZEROS) {
                zeros.clear();
                while (zeros.hasRemaining()) {
                    channel.write(zeros, at + zeros.position());
                }
            }
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, REGION_BYTES, arena);
        }
    }

    /**
     * A copy of a vector's directory of mapped chunks with chunk {@code c} set to {@code segment}: a fresh array,
     * since readers may hold the published one.
     */
    static MemorySegment[] with(MemorySegment[] mapped, int c, MemorySegment segment) {
        MemorySegment[] m = c >= mapped.length
                ? Arrays.copyOf(mapped, Math.max(c + 1, mapped.length * 2)) : mapped.clone();
        m[c] = segment;
        return m;
    }

    /** A vector allocated (or grew) a heap chunk of {@code bytes}; writer only. */
    void onHeap(long bytes) {
        heapBytes += bytes;
    }

    /** Bytes of the chunks on the heap, as the vectors counted them with {@link #onHeap}. */
    long heapBytes() {
        return heapBytes;
    }

    /** Bytes of mapped regions so far (file space, not heap). */
    long mappedBytes() {
        return mappedBytes;
    }

    /** Chunks stored so far. */
    long chunks() {
        return chunks;
    }

    /** Why the spill stopped, or {@code null} while it works. */
    String failure() {
        return failure;
    }
}
