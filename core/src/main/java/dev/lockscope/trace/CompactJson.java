package dev.lockscope.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the compact JSON that {@link TraceWriter} writes, straight from a line's bytes: no whitespace, integers
 * without sign, fraction or exponent, ASCII strings without escapes, arrays of such integers. Anything else
 * (including anything invalid) makes a read fail with {@link #FAIL}/{@code null}, and the caller parses the line
 * again with Jackson, which accepts all of JSON and names what is wrong. So this class only has to be right about
 * what it accepts, and can be fast: a line costs one pass over its bytes and no allocation for repeated strings.
 *
 * <p>Strings are interned in a small cache keyed by their bytes, so the names, members and modes that repeat on
 * millions of lines are one {@code String} each. Not thread-safe: one per reader.
 */
final class CompactJson {
    static final long FAIL = Long.MIN_VALUE;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int CACHE_BITS = 13;
    private static final int CACHE = 1 << CACHE_BITS;

    // The cache, by slot: the string's first 16 bytes as two zero-padded words, the second with its top bit set
    // if more bytes follow (no byte of a cached string has its top bit set, nor is 0, so the words alone tell
    // strings of up to 16 bytes apart); the bytes after those (null for a short string); and the string. A look-up
    // mostly reads one line of words and one of strings.
    private final long[] cachedWords = new long[2 * CACHE];
    private final byte[][] cachedTails = new byte[CACHE][];
    private final String[] cachedStrings = new String[CACHE];
    private byte[] b;
    private int pos;
    private int end;

    /** Starts reading the line {@code bytes[offset, offset + length)}. */
    void reset(byte[] bytes, int offset, int length) {
        b = bytes;
        pos = offset;
        end = offset + length;
    }

    boolean atEnd() {
        return pos == end;
    }

    /** Consumes {@code c} if it is next. */
    boolean take(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * A fixed run of at most 16 ASCII bytes (a key with its punctuation), kept as two little-endian words and
     * masks, so that {@link #take(Literal)} compares it in two steps.
     */
    static final class Literal {
        final byte[] bytes;
        private final long word0;
        private final long mask0;
        private final long word1;
        private final long mask1;

        Literal(String text) {
            bytes = text.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length > 16) {
                throw new IllegalArgumentException("longer than 16 bytes: " + text);
            }
            byte[] padded = Arrays.copyOf(bytes, 16);
            word0 = (long) LONGS.get(padded, 0);
            word1 = (long) LONGS.get(padded, 8);
            mask0 = mask(bytes.length);
            mask1 = mask(bytes.length - 8);
        }

        private static long mask(int bytes) {
            return bytes <= 0 ? 0 : bytes >= 8 ? -1L : (1L << 8 * bytes) - 1;
        }
    }

    /**
     * Consumes {@code text} if it comes next. Reads two words from the buffer, which may reach past the line but
     * not past the array (else it compares byte by byte); bytes past the line are masked out.
     */
    boolean take(Literal text) {
        int n = text.bytes.length;
        if (end - pos < n) {
            return false;
        }
        if (pos + 16 > b.length) {
            return take(text.bytes);
        }
        long x0 = (long) LONGS.get(b, pos);
        long x1 = (long) LONGS.get(b, pos + 8);
        if (((x0 ^ text.word0) & text.mask0) != 0 || ((x1 ^ text.word1) & text.mask1) != 0) {
            return false;
        }
        pos += n;
        return true;
    }

    /** Consumes {@code text} (ASCII) if it comes next. */
    boolean take(byte[] text) {
        if (end - pos < text.length) {
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (b[pos + i] != text[i]) {
                return false;
            }
        }
        pos += text.length;
        return true;
    }

    byte peek() {
        return pos < end ? b[pos] : 0;
    }

    /** A non-negative integer of at most 18 digits, without leading zeros; {@link #FAIL} otherwise. */
    long integer() {
        int start = pos;
        if (start + 16 > b.length) {
            return integerByBytes(); // too near the end of the array for two word reads
        }
        // Eight bytes at a time: find the run of digits, then convert it with three multiplications. Most values
        // (ids, durations) fit one word; a time in ns needs two.
        long x = digits((long) LONGS.get(b, start));
        int n = Math.min(digitCount(x), end - start);
        long v;
        if (n < 8) {
            if (n == 0) {
                return FAIL;
            }
            v = eightDigits(x << 8 * (8 - n));
        } else {
            long y = digits((long) LONGS.get(b, start + 8));
            int more = Math.min(digitCount(y), end - start - 8);
            if (more == 8) {
                return integerByBytes(); // 16 digits or more: rare, and the limit (18) is checked there
            }
            v = eightDigits(x);
            if (more > 0) {
                v = v * POW10[more] + eightDigits(y << 8 * (8 - more));
            }
            n += more;
        }
        if (n > 1 && b[start] == '0') {
            return FAIL;
        }
        pos = start + n;
        byte next = pos < end ? b[pos] : 0;
        return next == '.' || next == 'e' || next == 'E' ? FAIL : v;
    }

    private static final long[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};
    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    /** 0x7F - 9 per byte: adding it to a value below 0x80 sets the byte's high bit exactly when the value is >= 10. */
    private static final long OVER_NINE = 0x7676_7676_7676_7676L;

    /** The word with each ASCII digit turned into its value 0..9 (other bytes become something else). */
    private static long digits(long word) {
        return word ^ ZEROS;
    }

    /**
     * The number of leading digit values (0..9) in {@code x}, first byte lowest: a byte is not a digit if its high
     * bit is set or its low seven bits are 10 or more (tested without carries between bytes).
     */
    private static int digitCount(long x) {
        long notDigit = (((x & LOW7) + OVER_NINE) | x) & HIGHS;
        return Long.numberOfTrailingZeros(notDigit) >>> 3; // 8 when all are digits
    }

    /** The number whose eight digits (values 0..9, the first in the lowest byte) are {@code x}. */
    private static long eightDigits(long x) {
        x = (x * (10 * 256 + 1)) >>> 8; // each 16-bit lane: two digits as a number 0..99
        x = ((x & 0x00FF_00FF_00FF_00FFL) * (100 * 65536 + 1)) >>> 16; // each 32-bit lane: four digits
        return ((x & 0x0000_FFFF_0000_FFFFL) * (10_000L << 32 | 1)) >>> 32;
    }

    /** {@link #integer()} a byte at a time, near the end of the buffer. */
    long integerByBytes() {
        int start = pos;
        long v = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9' && pos - start < 19) {
            v = v * 10 + (b[pos++] - '0');
        }
        int digits = pos - start;
        if (digits == 0 || digits > 18 || (digits > 1 && b[start] == '0')) {
            pos = start;
            return FAIL;
        }
        byte next = pos < end ? b[pos] : 0;
        return next == '.' || next == 'e' || next == 'E' ? FAIL : v;
    }

    /** A string of printable ASCII without escapes, at most {@code max} characters; {@code null} otherwise. */
    String string(int max) {
        if (!take('"')) {
            return null;
        }
        int start = pos;
        if (start + 16 > b.length) {
            return stringByBytes(start, max); // too near the end of the array for two word reads
        }
        // Eight bytes at a time: the first byte that is not plain text (a quote, a backslash, a control or
        // non-ASCII byte) ends the run, and must be the closing quote. Most strings (names, kinds, members) fit
        // two words, which then serve as their hash and their key in the cache.
        long w0 = (long) LONGS.get(b, start);
        long stop = stops(w0);
        long w1 = 0;
        int n;
        if (stop != 0) {
            n = Long.numberOfTrailingZeros(stop) >>> 3;
            w0 &= (1L << 8 * n) - 1; // n < 8
        } else {
            w1 = (long) LONGS.get(b, start + 8);
            stop = stops(w1);
            if (stop == 0) {
                return longString(start, max, w0, w1);
            }
            n = 8 + (Long.numberOfTrailingZeros(stop) >>> 3);
            w1 &= n == 8 ? 0 : -1L >>> 8 * (16 - n);
        }
        int quote = start + n;
        if (quote >= end || b[quote] != '"' || n > max) {
            return null; // not closed on this line, a byte for Jackson to judge, or too long
        }
        pos = quote + 1;
        return intern(start, n, w0, w1, hash(w0, w1, n));
    }

    /** A string of more than 16 bytes, whose first 16 ({@code w0}, {@code w1}) are plain text: the rest by bytes. */
    private String longString(int start, int max, long w0, long w1) {
        int hash = hash(w0, w1, 16);
        int at = start + 16;
        while (at < end) {
            byte c = b[at];
            if (c == '"') {
                break;
            }
            if (c < 0x20 || c == '\\' || c >= 0x7f) {
                return null;
            }
            hash = 31 * hash + c;
            at++;
        }
        if (at >= end || at - start > max) {
            return null;
        }
        pos = at + 1;
        return intern(start, at - start, w0, w1, hash);
    }

    /**
     * {@link #string} a byte at a time, near the end of the buffer; also what the word-at-a-time reading must
     * agree with (CompactJsonTest).
     */
    String stringByBytes(int start, int max) {
        pos = start;
        while (pos < end) {
            byte c = b[pos];
            if (c == '"') {
                break;
            }
            if (c < 0x20 || c == '\\' || c >= 0x7f) { // escapes, control and non-ASCII bytes: Jackson decides
                return null;
            }
            pos++;
        }
        if (pos == end || pos - start > max) {
            return null;
        }
        int n = pos - start;
        long w0 = 0;
        long w1 = 0;
        for (int i = 0; i < Math.min(n, 16); i++) {
            long c = b[start + i] & 0xFFL;
            if (i < 8) {
                w0 |= c << 8 * i;
            } else {
                w1 |= c << 8 * (i - 8);
            }
        }
        int hash = hash(w0, w1, Math.min(n, 16));
        for (int i = 16; i < n; i++) {
            hash = 31 * hash + b[start + i];
        }
        pos++; // the closing quote
        return intern(start, n, w0, w1, hash);
    }

    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;
    private static final long DELETES = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long SPACES = 0x2020_2020_2020_2020L;
    private static final long ONES = 0x0101_0101_0101_0101L;

    /**
     * The high bit of every byte of {@code w} that is not plain string text: a quote, a backslash, a control byte
     * (below 0x20), DEL or a non-ASCII byte. Bytes above a flagged one may be flagged wrongly (borrows), so only
     * the lowest flag is exact, which is the one read.
     */
    private static long stops(long w) {
        long below = (w - SPACES) & ~w; // a byte below 0x20 (or with its high bit set, flagged anyway)
        long q = w ^ QUOTES;
        long bs = w ^ BACKSLASHES;
        long del = w ^ DELETES;
        return (below | ((q - ONES) & ~q) | ((bs - ONES) & ~bs) | ((del - ONES) & ~del) | w) & HIGHS;
    }

    /**
     * The cache's hash of a string whose first {@code n} (at most 16) bytes are {@code w0}, {@code w1}
     * (zero-padded): {@code 31 * h + c} over those bytes, as {@link String#hashCode} would give, computed a word at
     * a time. Strings that come round in turn differ in their last bytes (m000 ... m499, Send(m000) ...), so
     * their hashes step almost evenly, and the cache's multiplicative hashing spreads such steps over its sets.
     */
    static int hash(long w0, long w1, int n) {
        if (n <= 8) {
            return n == 0 ? 0 : polynomial(w0 << 8 * (8 - n));
        }
        return polynomial(w0) * POW31[n - 8] + polynomial(w1 << 8 * (16 - n));
    }

    /** 31<sup>k</sup> for k in 0..8, as ints (wrapping, like the hash). */
    private static final int[] POW31 = {1, 31, 961, 29_791, 923_521, 28_629_151, 887_503_681, 1_742_810_335,
            -1_807_454_463};

    /**
     * {@code 31 * h + c} over the eight bytes of {@code x}, the first lowest, modulo 2<sup>32</sup>: pairs in
     * 16-bit lanes, then fours in 32-bit lanes, then the eight (no lane overflows: a pair is below 2<sup>13</sup>,
     * a four below 2<sup>23</sup>).
     */
    private static int polynomial(long x) {
        long pairs = (x & 0x00FF_00FF_00FF_00FFL) * 31 + (x >>> 8 & 0x00FF_00FF_00FF_00FFL);
        long fours = (pairs & 0x0000_FFFF_0000_FFFFL) * 961 + (pairs >>> 16 & 0x0000_FFFF_0000_FFFFL);
        return (int) ((fours & 0xFFFF_FFFFL) * 923_521 + (fours >>> 32));
    }

    /** An array of integers {@code >= min} that fit an {@code int}; {@code null} otherwise. */
    List<Integer> ints(int min) {
        if (!take('[')) {
            return null;
        }
        List<Integer> out = new ArrayList<>(4);
        if (take(']')) {
            return List.of();
        }
        do {
            long v = integer();
            if (v == FAIL || v < min || v > Integer.MAX_VALUE) {
                return null;
            }
            out.add((int) v);
        } while (take(','));
        return take(']') ? List.copyOf(out) : null;
    }

    /** Like {@link #ints(int)}, into {@code out} (cleared first); false if {@link #ints(int)} would give null. */
    boolean ints(int min, IntBuffer out) {
        out.clear();
        if (!take('[')) {
            return false;
        }
        if (take(']')) {
            return true;
        }
        do {
            long v = integer();
            if (v == FAIL || v < min || v > Integer.MAX_VALUE) {
                return false;
            }
            out.add((int) v);
        } while (take(','));
        return take(']');
    }

    /** A string naming a {@link LineKind}, without escapes: that kind, or {@code null}. */
    LineKind lineKind() {
        if (!take('"')) {
            return null;
        }
        if (pos + 8 <= b.length) {
            // Every kind's name and closing quote fit one word: one table look-up and one masked compare.
            LineKind kind = LineKind.ofWord((long) LONGS.get(b, pos), end - pos);
            if (kind != null) {
                pos += kind.id.length() + 1;
                return kind;
            }
        }
        int start = pos;
        while (pos < end && b[pos] != '"') {
            pos++;
        }
        if (pos == end) {
            return null;
        }
        LineKind kind = LineKind.of(b, start, pos - start);
        pos++;
        return kind;
    }

    /**
     * A key and its colon: the index of the key in {@code names} (ASCII), or -1 if it is none of them or not a
     * plain key. Matched on the bytes, without making a string: keys are most of what a line holds.
     */
    int key(byte[][] names) {
        if (!take('"')) {
            return -1;
        }
        int start = pos;
        while (pos < end && b[pos] != '"') {
            if (b[pos] == '\\') {
                return -1;
            }
            pos++;
        }
        int length = pos - start;
        if (pos == end) {
            return -1;
        }
        pos++;
        if (!take(':')) {
            return -1;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].length == length && sameBytes(names[i], start)) {
                return i;
            }
        }
        return -1;
    }

    /** A plain loop: the strings are short, and a call to the vectorised compare costs more than it saves. */
    private boolean sameBytes(byte[] known, int start) {
        for (int i = 0; i < known.length; i++) {
            if (known[i] != b[start + i]) {
                return false;
            }
        }
        return true;
    }

    private String intern(int start, int length, long w0, long w1, int hash) {
        // Two ways per set, the newer first, and a mixed hash: a trace's strings come round in turn (m000 ...
        // m499, Send(m000) ...) and differ in their last characters, so in a direct-mapped cache on the low bits
        // many pairs would evict each other every round. A miss costs a new String here and, in a store, a hash
        // look-up instead of an identity hit.
        int set = (hash * 0x9E3779B9 >>> (32 - CACHE_BITS)) & ~1;
        long key1 = length > 16 ? w1 | Long.MIN_VALUE : w1;
        String known = cached(set, start, length, w0, key1);
        if (known == null) {
            known = cached(set + 1, start, length, w0, key1);
        }
        if (known != null) {
            return known;
        }
        String s = new String(b, start, length, StandardCharsets.US_ASCII);
        cachedWords[2 * set + 2] = cachedWords[2 * set];
        cachedWords[2 * set + 3] = cachedWords[2 * set + 1];
        cachedTails[set + 1] = cachedTails[set];
        cachedStrings[set + 1] = cachedStrings[set];
        cachedWords[2 * set] = w0;
        cachedWords[2 * set + 1] = key1;
        cachedTails[set] = length > 16 ? Arrays.copyOfRange(b, start + 16, start + length) : null;
        cachedStrings[set] = s;
        return s;
    }

    /** The string in {@code slot} if it is the one of these bytes (an empty slot holds none), else null. */
    private String cached(int slot, int start, int length, long w0, long key1) {
        if (cachedWords[2 * slot] != w0 || cachedWords[2 * slot + 1] != key1) {
            return null;
        }
        if (key1 < 0) { // more than 16 bytes: the rest byte by byte
            byte[] tail = cachedTails[slot];
            if (tail == null || tail.length != length - 16 || !sameBytes(tail, start + 16)) {
                return null;
            }
        }
        return cachedStrings[slot];
    }
}
