package dev.lockscope.interval;

/**
 * What a goroutine, lock or member is doing during an interval; {@link IntervalTracker} decides when each
 * starts and ends (docs/intervals.md). The declaration order is the severity order used for the "worst state"
 * of a summary: a pixel in which a goroutine both ran and waited shows waiting.
 */
public enum IntervalKind {
    /** The goroutine exists: from its {@code Spawn} to its {@code Exit}. */
    RUNNING,
    /** From {@code Sleep} for exactly its duration. */
    SLEEPING,
    /** From {@code Park} to the goroutine's next event (its exit included). */
    PARKED,
    /** From {@code SendStart} to the {@code Deliver} of the same goroutine, member and message. */
    SENDING,
    /** From {@code Acquire} in read mode to the {@code Release} that ends it. */
    HOLD_READ,
    /** From {@code Acquire} in write mode to the {@code Release} that ends it. */
    HOLD_WRITE,
    /** From {@code Request} to the {@code Acquire} of the same goroutine and lock. */
    WAITING;

    private static final IntervalKind[] VALUES = values();

    /** Whether this is a hold of a lock, in either mode. */
    public boolean isHold() {
        return this == HOLD_READ || this == HOLD_WRITE;
    }

    /** The kind with this ordinal; for compact storage. */
    public static IntervalKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
