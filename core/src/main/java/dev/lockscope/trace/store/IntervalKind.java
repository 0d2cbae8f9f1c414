package dev.lockscope.trace.store;

/**
 * What a goroutine, lock or member is doing during an interval. The declaration order is the severity order
 * used for the "worst state" of a summary: a pixel in which a goroutine both ran and waited shows waiting.
 */
public enum IntervalKind {
    /** The goroutine exists: from its {@code Spawn} to its {@code Exit}. */
    RUNNING,
    /** From {@code Sleep} for its duration. */
    SLEEPING,
    /** From {@code Park} to the goroutine's next event. */
    PARKED,
    /** From {@code SendStart} to the matching {@code Deliver}. */
    SENDING,
    /** From {@code Acquire} in read mode to the matching {@code Release}. */
    HOLD_READ,
    /** From {@code Acquire} in write mode to the matching {@code Release}. */
    HOLD_WRITE,
    /** From {@code Request} to the matching {@code Acquire}. */
    WAITING;

    private static final IntervalKind[] VALUES = values();

    /** Whether this is a hold of a lock, in either mode. */
    public boolean isHold() {
        return this == HOLD_READ || this == HOLD_WRITE;
    }

    static IntervalKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
