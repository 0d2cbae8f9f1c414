package dev.lockscope.trace.store;

import static dev.lockscope.trace.store.EventTable.NONE;

/**
 * What a {@code Spawn} row shares with other spawns: the goroutine's kind and its name without a trailing
 * decimal number ({@code Broadcast#} for {@code Broadcast#17}). Interned, so that the store keeps one entry per
 * kind of goroutine rather than a name per goroutine; the number goes in the row.
 *
 * @param numbered whether the name had a trailing number (kept apart, so {@code "Broadcast#"} itself round-trips)
 */
record SpawnShape(String prefix, boolean numbered, String kind) {

    /** The shape of {@code name}; {@link #number} gives the part it leaves out. */
    static SpawnShape of(String name, String kind) {
        int digits = trailingNumberStart(name);
        return digits < 0 ? new SpawnShape(name, false, kind) : new SpawnShape(name.substring(0, digits), true, kind);
    }

    /** The trailing number of {@code name}, or {@link EventTable#NONE} when {@link #of} keeps the whole name. */
    static int number(String name) {
        int digits = trailingNumberStart(name);
        return digits < 0 ? NONE : Integer.parseInt(name, digits, name.length(), 10);
    }

    String name(int number) {
        return numbered ? prefix + number : prefix;
    }

    /**
     * Where a trailing number that round-trips starts (no sign, no leading zero, fits an {@code int}), or -1. A
     * name like {@code g007} keeps its digits: "7" would not give them back.
     */
    private static int trailingNumberStart(String name) {
        int i = name.length();
        while (i > 0 && Character.isDigit(name.charAt(i - 1)) && name.charAt(i - 1) < 128) {
            i--;
        }
        int length = name.length() - i;
        if (length == 0 || length > 9 || (name.charAt(i) == '0' && length > 1)) {
            return -1;
        }
        return i;
    }
}
