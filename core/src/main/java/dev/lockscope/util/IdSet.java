package dev.lockscope.util;

import java.util.Arrays;

/**
 * A set of non-negative {@code int} ids, small whatever the ids: ids are grouped in pages of 65,536; a page holds
 * its ids as a sorted array of 16-bit offsets while it has at most 4,096 of them, then as a bitmap of 8 KiB. So
 * an id costs at most 2 bytes plus its page's share, whether ids are dense (a room's goroutines 1, 2, 3, ...),
 * sparse or huge (2147483647): no array is ever sized by an id. The idea of Roaring bitmaps, reduced to what a
 * trace needs (add and contains). Not thread-safe.
 */
public final class IdSet {
    private static final int ARRAY_MAX = 4096;

    /** Page number (id >>> 16) to a {@code char[]} (sorted offsets, {@code count} in the first slot) or a {@code long[]}. */
    private final IntMap<Object> pages = new IntMap<>();
    private int lastKey = -1;
    private Object lastPage;
    private long size;

    /** Adds {@code id} (>= 0); returns false if it was there already. */
    public boolean add(int id) {
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0: " + id);
        }
        Object page = page(id >>> 16);
        if (page instanceof long[] bits) { // a dense page: the common case, kept small enough to inline
            long mask = 1L << id;
            if ((bits[(char) id >>> 6] & mask) != 0) {
                return false;
            }
            bits[(char) id >>> 6] |= mask;
            size++;
            return true;
        }
        return addToSmallPage(id, page);
    }

    /** {@link #add} to a page that is absent or an array of offsets. */
    private boolean addToSmallPage(int id, Object page) {
        int key = id >>> 16;
        char low = (char) id;
        if (page == null) {
            char[] array = new char[5];
            array[0] = 1;
            array[1] = low;
            put(key, array);
            size++;
            return true;
        }
        char[] array = (char[]) page;
        int count = array[0];
        // Ids mostly come in increasing order: check the end first.
        int at = array[count] < low ? -(count + 1) - 1 : Arrays.binarySearch(array, 1, count + 1, low);
        if (at >= 0) {
            return false;
        }
        int insert = -at - 1;
        if (count == ARRAY_MAX) {
            long[] bits = new long[1024];
            for (int i = 1; i <= count; i++) {
                bits[array[i] >>> 6] |= 1L << array[i];
            }
            bits[low >>> 6] |= 1L << low;
            put(key, bits);
        } else {
            if (count + 1 == array.length) {
                array = Arrays.copyOf(array, Math.min(ARRAY_MAX + 1, array.length * 2));
                put(key, array);
            }
            System.arraycopy(array, insert, array, insert + 1, count + 1 - insert);
            array[insert] = low;
            array[0] = (char) (count + 1);
        }
        size++;
        return true;
    }

    public boolean contains(int id) {
        if (id < 0) {
            return false;
        }
        Object page = page(id >>> 16);
        char low = (char) id;
        if (page == null) {
            return false;
        }
        if (page instanceof long[] bits) {
            return (bits[low >>> 6] & 1L << low) != 0;
        }
        char[] array = (char[]) page;
        char last = array[array[0]];
        if (low >= last) { // ids mostly come in increasing order: the newest is asked for most
            return low == last;
        }
        return Arrays.binarySearch(array, 1, array[0] + 1, low) >= 0;
    }

    public long size() {
        return size;
    }

    private Object page(int key) {
        if (key == lastKey) {
            return lastPage;
        }
        Object page = pages.get(key);
        if (page != null) {
            lastKey = key;
            lastPage = page;
        }
        return page;
    }

    private void put(int key, Object page) {
        pages.put(key, page);
        lastKey = key;
        lastPage = page;
    }
}
