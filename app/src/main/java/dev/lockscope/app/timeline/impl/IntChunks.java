package dev.lockscope.app.timeline.impl;

import dev.lockscope.util.IntMap;
import java.util.Arrays;

/**
 * A map from non-negative {@code int} keys (goroutine ids) to {@code int}s, stored in fixed chunks of
 * {@value #CHUNK} entries found by chunk number in a hash map; an entry never set reads as -1.
 *
 * <p>Why chunks: the catalog grows on the FX thread while a live run spawns 50,000 goroutines a second. Doubling
 * one array copied megabytes in a single frame (and had the collector find room for it); a chunk costs 64 KB,
 * allocated once, and nothing is ever copied. Why a map of chunks: goroutine ids come from the trace and may be
 * sparse or huge (2147483647); nothing is sized by a key.
 */
final class IntChunks {
    static final int CHUNK = 1 << 14;
    private static final int SHIFT = Integer.numberOfTrailingZeros(CHUNK);

    private final IntMap<int[]> chunks;

    IntChunks() {
        this(new IntMap<>());
    }

    private IntChunks(IntMap<int[]> chunks) {
        this.chunks = chunks;
    }

    int get(int key) {
        if (key < 0) {
            return -1;
        }
        int[] chunk = chunks.get(key >>> SHIFT);
        return chunk == null ? -1 : chunk[key & (CHUNK - 1)];
    }

    void set(int key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        int[] chunk = chunks.get(key >>> SHIFT);
        if (chunk == null) {
            chunk = new int[CHUNK];
            Arrays.fill(chunk, -1);
            chunks.put(key >>> SHIFT, chunk);
        }
        chunk[key & (CHUNK - 1)] = value;
    }

    /** Every value set and not -1, in no particular order: as many as were set, whatever the keys. */
    int[] values() {
        int[] count = {0};
        chunks.forEach((c, chunk) -> {
            for (int v : chunk) {
                count[0] += v == -1 ? 0 : 1;
            }
        });
        int[] out = new int[count[0]];
        int[] n = {0};
        chunks.forEach((c, chunk) -> {
            for (int v : chunk) {
                if (v != -1) {
                    out[n[0]++] = v;
                }
            }
        });
        return out;
    }

    /** A copy that later changes to this one do not reach, for a job on another thread. */
    IntChunks copy() {
        IntMap<int[]> copy = new IntMap<>();
        chunks.forEach((c, chunk) -> copy.put(c, chunk.clone()));
        return new IntChunks(copy);
    }
}
