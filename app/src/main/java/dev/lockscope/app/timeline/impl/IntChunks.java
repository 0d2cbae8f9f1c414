package dev.lockscope.app.timeline.impl;

import java.util.Arrays;

/**
 * A map from small non-negative {@code int} keys (goroutine ids) to {@code int}s, stored in fixed chunks of
 * {@value #CHUNK} entries; an entry never set reads as -1.
 *
 * <p>Why chunks: the catalog grows on the FX thread while a live run spawns 50,000 goroutines a second. Doubling
 * one array copied megabytes in a single frame (and had the collector find room for it); a chunk costs 64 KB,
 * allocated once, and nothing is ever copied but the small chunk directory.
 */
final class IntChunks {
    static final int CHUNK = 1 << 14;
    private static final int SHIFT = Integer.numberOfTrailingZeros(CHUNK);

    private int[][] chunks = new int[4][];

    int get(int key) {
        int c = key >>> SHIFT;
        if (key < 0 || c >= chunks.length || chunks[c] == null) {
            return -1;
        }
        return chunks[c][key & (CHUNK - 1)];
    }

    void set(int key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("negative key " + key);
        }
        int c = key >>> SHIFT;
        if (c >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
        }
        if (chunks[c] == null) {
            chunks[c] = new int[CHUNK];
            Arrays.fill(chunks[c], -1);
        }
        chunks[c][key & (CHUNK - 1)] = value;
    }

    /** Entries [0, n) as one array; -1 where never set. */
    int[] toArray(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = get(i);
        }
        return out;
    }
}
