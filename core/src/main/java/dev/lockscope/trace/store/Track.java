package dev.lockscope.trace.store;

/**
 * One horizontal lane of the timeline: the intervals of a goroutine, of a lock's holders, of a lock's
 * waiters, of the sends to a member, or of a primitive. {@code id} is the goroutine id (from 1), the lock or
 * primitive id (from 0, one id space) or the member id (from 0, see {@link TraceView#memberId}).
 */
public record Track(Kind kind, int id) {

    /** The families of tracks. */
    public enum Kind {
        /** Every interval of one goroutine: running, waiting, holding, sending, sleeping, parked. */
        GOROUTINE,
        /** The holds of one lock, in either mode. */
        LOCK_HOLDERS,
        /** The waits for one lock. */
        LOCK_WAITERS,
        /** The sends in flight to one member. */
        MEMBER,
        /**
         * One channel or sync primitive: the goroutines waiting on it (a select waits on each of its channels, so
         * its wait is on each of their tracks) and, for a channel, the values in its buffer ({@code BUFFERED}:
         * their count at an instant is {@code len(ch)}).
         */
        PRIM
    }

    public Track {
        java.util.Objects.requireNonNull(kind, "kind");
        if (id < 0) {
            throw new IllegalArgumentException("id must be >= 0: " + id);
        }
    }

    public static Track goroutine(int g) {
        return new Track(Kind.GOROUTINE, g);
    }

    public static Track lockHolders(int lock) {
        return new Track(Kind.LOCK_HOLDERS, lock);
    }

    public static Track lockWaiters(int lock) {
        return new Track(Kind.LOCK_WAITERS, lock);
    }

    public static Track member(int member) {
        return new Track(Kind.MEMBER, member);
    }

    public static Track prim(int prim) {
        return new Track(Kind.PRIM, prim);
    }
}
