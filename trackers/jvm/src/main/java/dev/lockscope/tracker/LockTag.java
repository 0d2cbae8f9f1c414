package dev.lockscope.tracker;

import java.util.Objects;

/**
 * A tracked lock's identity in traces. Each stream numbers the tags it meets in order of first use (the lock's
 * id is per stream, the tag is per lock), so a tag holds only what every stream shares: the kind and the name.
 *
 * <p>The name is the one given to the lock's constructor or, for a lock given none, the location of its first
 * recorded use ({@code "Room.java:41"}), fixed by {@link #noteUse} the first time any stream records the lock.
 */
final class LockTag {
    private final LockKind kind;
    private final String givenName;
    /** Written once, under the recorder's lock; volatile because a later recorder (another lock) reads it. */
    private volatile String firstUse;

    /** {@code givenName} may be null: the lock is then named after its first use. */
    LockTag(LockKind kind, String givenName) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.givenName = givenName;
    }

    LockKind kind() {
        return kind;
    }

    /** The name for the {@code lock} line; {@code "unnamed"} only before any use was noted. */
    String name() {
        if (givenName != null) {
            return givenName;
        }
        String first = firstUse;
        return first != null ? first : "unnamed";
    }

    /** Called for every recorded event at {@code site}; only the first call matters. */
    void noteUse(CallSite site) {
        if (givenName == null && firstUse == null) {
            firstUse = site.location();
        }
    }
}
