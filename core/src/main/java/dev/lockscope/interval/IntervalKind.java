package dev.lockscope.interval;

import dev.lockscope.model.WaitOp;

/**
 * What a goroutine, lock, member or primitive is doing during an interval; {@link IntervalTracker} decides when
 * each starts and ends (docs/intervals.md). The declaration order is the severity order used for the "worst state"
 * of a summary: a pixel in which a goroutine both ran and waited shows waiting, and one in which it waited on a
 * lock and on a channel shows the channel. (New kinds are appended, so the first seven keep their ordinals.)
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
    WAITING,
    /**
     * A value in a channel's buffer: from the {@code send} act that put it there to the {@code recv} act that takes
     * it, first in, first out. Shown on the channel's track, not on a goroutine's.
     */
    BUFFERED,
    /** Blocked in a channel send, from a {@code wait} to the goroutine's {@code wake}. */
    CHAN_SEND,
    /** Blocked in a channel receive (a context's {@code Done()} too). */
    CHAN_RECV,
    /** Blocked in a {@code select}. */
    SELECT,
    /** Blocked in {@code wg.Wait()}. */
    WG_WAIT,
    /** Blocked in {@code c.Wait()} (until signalled; re-taking the lock is a lock wait). */
    COND_WAIT,
    /** Blocked in {@code once.Do} while another goroutine runs {@code f}. */
    ONCE_WAIT;

    private static final IntervalKind[] VALUES = values();

    /** Whether this is a hold of a lock, in either mode. */
    public boolean isHold() {
        return this == HOLD_READ || this == HOLD_WRITE;
    }

    /** Whether this is a wait on a primitive (a channel operation, a select, a WaitGroup, a Cond, a Once). */
    public boolean isPrimWait() {
        return ordinal() >= CHAN_SEND.ordinal();
    }

    /** Whether this is a wait: for a lock ({@link #WAITING}) or on a primitive. */
    public boolean isWait() {
        return this == WAITING || isPrimWait();
    }

    /** The interval of a wait in {@code op}. */
    public static IntervalKind of(WaitOp op) {
        return switch (op) {
            case CHAN_SEND -> CHAN_SEND;
            case CHAN_RECV -> CHAN_RECV;
            case SELECT -> SELECT;
            case WG_WAIT -> WG_WAIT;
            case COND_WAIT -> COND_WAIT;
            case ONCE_WAIT -> ONCE_WAIT;
        };
    }

    /** The id used in exports and docs: {@code hold-read}, {@code chan-recv}, ... */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The kind with this ordinal; for compact storage. */
    public static IntervalKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
