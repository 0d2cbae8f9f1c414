package dev.lockscope.trace.store;

/**
 * The {@link SpawnShape}s of a trace, interned, with a small cache by name and kind in front: the names a room
 * repeats ({@code Send(m000)}, ...) then cost a compare instead of splitting the name and a hash lookup.
 * Writer only, except {@link #value}.
 */
final class SpawnShapes {
    private static final int CACHE_BITS = 12;
    private static final int CACHE = 1 << CACHE_BITS;

    private final Interner<SpawnShape> shapes = new Interner<>();
    private final String[] cachedNames = new String[CACHE];
    private final String[] cachedKinds = new String[CACHE];
    private final long[] cached = new long[CACHE];

    /**
     * The shape id of a spawn's name and kind in the high half, the name's trailing number
     * ({@link SpawnShape#number}) in the low half.
     */
    long intern(String name, String kind) {
        // Two ways per set, the newer first, and a mixed hash (see Interner#intern): names such as Send(m000) ...
        // Send(m499) come round in turn and have nearby hashes.
        int set = ((name.hashCode() * 31 + kind.hashCode()) * 0x9E3779B9 >>> (32 - CACHE_BITS)) & ~1;
        if (name.equals(cachedNames[set]) && kind.equals(cachedKinds[set])) {
            return cached[set];
        }
        if (name.equals(cachedNames[set + 1]) && kind.equals(cachedKinds[set + 1])) {
            return cached[set + 1];
        }
        long packed = (long) shapes.intern(SpawnShape.of(name, kind)) << 32
                | Integer.toUnsignedLong(SpawnShape.number(name));
        cachedNames[set + 1] = cachedNames[set];
        cachedKinds[set + 1] = cachedKinds[set];
        cached[set + 1] = cached[set];
        cachedNames[set] = name;
        cachedKinds[set] = kind;
        cached[set] = packed;
        return packed;
    }

    SpawnShape value(int id) {
        return shapes.value(id);
    }
}
