package dev.lockscope.trace.store;

/**
 * The {@link SpawnShape}s of a trace, interned, with a small cache by name and kind in front: the names a room
 * repeats ({@code Send(m000)}, ...) then cost a compare instead of splitting the name and a hash lookup.
 * Writer only, except {@link #value}.
 */
final class SpawnShapes {
    private static final int CACHE = 1 << 12;

    private final Interner<SpawnShape> shapes = new Interner<>();
    private final String[] cachedNames = new String[CACHE];
    private final String[] cachedKinds = new String[CACHE];
    private final long[] cached = new long[CACHE];

    /**
     * The shape id of a spawn's name and kind in the high half, the name's trailing number
     * ({@link SpawnShape#number}) in the low half.
     */
    long intern(String name, String kind) {
        int slot = (name.hashCode() * 31 + kind.hashCode()) & (CACHE - 1);
        if (name.equals(cachedNames[slot]) && kind.equals(cachedKinds[slot])) {
            return cached[slot];
        }
        long packed = (long) shapes.intern(SpawnShape.of(name, kind)) << 32
                | Integer.toUnsignedLong(SpawnShape.number(name));
        cachedNames[slot] = name;
        cachedKinds[slot] = kind;
        cached[slot] = packed;
        return packed;
    }

    SpawnShape value(int id) {
        return shapes.value(id);
    }
}
