package dev.lockscope.trace;

import java.nio.charset.StandardCharsets;

/**
 * The kinds of line a trace holds after its header (docs/trace-format.md): one per event type, and {@code site},
 * which declares a site and is no event. Each kind has its {@code "e"} value, its exact set of fields
 * ({@link LineFields} bits): every field of a kind is required and no other is allowed, and the format version
 * that introduced it (a file of an older version may not hold it).
 */
enum LineKind {
    SPAWN("spawn", LineFields.BASE | LineFields.G | LineFields.NAME | LineFields.KIND | LineFields.PARENT),
    EXIT("exit", LineFields.BASE | LineFields.G),
    LOCK("lock", LineFields.BASE | LineFields.LOCK | LineFields.NAME | LineFields.KIND),
    SITE("site", LineFields.BASE | LineFields.SITE | LineFields.OP | LineFields.LABEL),
    REQUEST("request", LineFields.LOCK_STEP),
    ACQUIRE("acquire", LineFields.LOCK_STEP),
    RELEASE("release", LineFields.LOCK_STEP),
    BLOCKED("blocked", LineFields.BASE | LineFields.G | LineFields.LOCK | LineFields.BY),
    PARK("park", LineFields.BASE | LineFields.G | LineFields.SITE),
    SLEEP("sleep", LineFields.BASE | LineFields.G | LineFields.DUR | LineFields.SITE),
    SEND("send", LineFields.BASE | LineFields.G | LineFields.MEMBER | LineFields.MSG | LineFields.DUR
            | LineFields.SITE),
    DELIVER("deliver", LineFields.BASE | LineFields.G | LineFields.MEMBER | LineFields.MSG | LineFields.LAT),
    DROP("drop", LineFields.BASE | LineFields.MEMBER | LineFields.MSG),
    MEMBER("member", LineFields.BASE | LineFields.MEMBER | LineFields.CHANGE),
    COMMAND("command", LineFields.BASE | LineFields.STEP | LineFields.LIVE | LineFields.COMMAND),
    ALERT("alert", LineFields.BASE | LineFields.KIND | LineFields.SUMMARY | LineFields.REPORT | LineFields.G
            | LineFields.LOCKS),
    END("end", LineFields.BASE),
    PRIM("prim", LineFields.BASE | LineFields.PRIM | LineFields.NAME | LineFields.KIND | LineFields.CAP, 3),
    WAIT("wait", LineFields.BASE | LineFields.G | LineFields.OP | LineFields.PRIMS | LineFields.SITE, 3),
    WAKE("wake", LineFields.BASE | LineFields.G | LineFields.PRIM, 3),
    ACT("act", LineFields.BASE | LineFields.G | LineFields.PRIM | LineFields.OP | LineFields.N | LineFields.SITE, 3),
    PANIC("panic", LineFields.BASE | LineFields.G | LineFields.TEXT | LineFields.SITE, 3),
    ASLEEP("asleep", LineFields.BASE, 3);

    private static final LineKind[] VALUES = values();
    /** The kinds by {@link #hash} of their {@code e} value, which has no collisions among them. */
    private static final LineKind[] BY_HASH = new LineKind[64];

    static {
        for (LineKind k : VALUES) {
            int h = hash(k.idBytes, 0, k.idBytes.length);
            if (BY_HASH[h] != null) {
                throw new AssertionError("hash collision: " + k + ", " + BY_HASH[h]);
            }
            BY_HASH[h] = k;
        }
    }
    /**
     * The kinds by {@link #wordHash} of the first four bytes of their {@code e} value and closing quote; distinct
     * for the 23 ids, so one slot holds at most one candidate.
     */
    private static final LineKind[] BY_WORD = new LineKind[64];

    static {
        for (LineKind k : VALUES) {
            int h = wordHash(k.quotedWord);
            if (BY_WORD[h] != null) {
                throw new AssertionError("hash collision: " + k + ", " + BY_WORD[h]);
            }
            BY_WORD[h] = k;
        }
    }
    /** The {@code e} values of a file of format {@code version}, as listed in error messages. */
    static String names(int version) {
        return String.join(", ", java.util.Arrays.stream(VALUES).filter(k -> k.since <= version).map(k -> k.id).toList());
    }

    final String id;
    final int fields;
    /** The format version that introduced this kind of line. */
    final int since;
    private final byte[] idBytes;
    /** The id and its closing quote as a little-endian word (every id has at most 7 bytes), and its mask. */
    private final long quotedWord;
    private final long quotedMask;

    LineKind(String id, int fields) {
        this(id, fields, 1);
    }

    LineKind(String id, int fields, int since) {
        this.id = id;
        this.fields = fields;
        this.since = since;
        this.idBytes = id.getBytes(StandardCharsets.US_ASCII);
        byte[] quoted = (id + '"').getBytes(StandardCharsets.US_ASCII);
        long word = 0;
        for (int i = 0; i < quoted.length; i++) {
            word |= (long) (quoted[i] & 0xFF) << 8 * i;
        }
        this.quotedWord = word;
        this.quotedMask = quoted.length == 8 ? -1L : (1L << 8 * quoted.length) - 1;
    }

    /**
     * The kind whose {@code e} value and closing quote start {@code word} (eight bytes, the first lowest), if
     * they lie within the {@code available} bytes left on the line; {@code null} if none does.
     */
    static LineKind ofWord(long word, int available) {
        LineKind k = BY_WORD[wordHash(word)];
        return k != null && ((word ^ k.quotedWord) & k.quotedMask) == 0 && k.idBytes.length < available ? k : null;
    }

    /** Multiplicative hash of the low four bytes into 6 bits; the multiplier was found by search (no collisions). */
    private static int wordHash(long word) {
        return (int) (((word & 0xFFFF_FFFFL) * 0x5C90_A958_7403_E431L) >>> 58);
    }

    /** The kind whose {@code e} value is {@code id}, or {@code null}. */
    static LineKind of(String id) {
        for (LineKind k : VALUES) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    /** The kind whose {@code e} value is the ASCII bytes {@code b[from, from + length)}, or {@code null}. */
    static LineKind of(byte[] b, int from, int length) {
        if (length < 3) {
            return null; // every id has at least 3 bytes, which the hash reads
        }
        LineKind k = BY_HASH[hash(b, from, length)];
        return k != null && k.idBytes.length == length && k.matches(b, from) ? k : null;
    }

    /** Found by search: distinct for the 23 ids (first and third byte, length). */
    private static int hash(byte[] b, int from, int length) {
        return (b[from] + 3 * b[from + 2] + 4 * length) & 63;
    }

    private boolean matches(byte[] b, int from) {
        for (int i = 0; i < idBytes.length; i++) {
            if (idBytes[i] != b[from + i]) {
                return false;
            }
        }
        return true;
    }
}
