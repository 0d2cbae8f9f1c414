package dev.lockscope.app.timeline.impl;

import dev.lockscope.interval.IntervalKind;

/**
 * The styles of what a {@link FramePlan} draws, as bytes. The first seven equal the {@link IntervalKind}
 * ordinals, so a summary's worst state is its style.
 */
public final class Ink {
    public static final byte RUNNING = 0;
    public static final byte SLEEPING = 1;
    public static final byte PARKED = 2;
    public static final byte SENDING = 3;
    public static final byte HOLD_READ = 4;
    public static final byte HOLD_WRITE = 5;
    public static final byte WAITING = 6;
    /** The number of goroutines waiting for a lock. */
    public static final byte WAITERS = 7;
    /** Sends in flight to a member. */
    public static final byte MEMBER_SEND = 8;
    /** A delivery: the end of a send. */
    public static final byte DELIVERY = 9;
    public static final int STYLES = 10;

    /** Text on a dark bar (white). */
    public static final byte TEXT_ON_DARK = 0;
    /** Text on the background or a light bar (near black). */
    public static final byte TEXT_ON_LIGHT = 1;
    /** A count of waiters, beside the waiter area. */
    public static final byte TEXT_COUNT = 2;

    /** Markers. */
    public static final byte ALERT_AXIS = 0;
    public static final byte ALERT_ROW = 1;
    public static final byte COMMAND = 2;
    public static final byte JOIN = 3;
    public static final byte LEAVE = 4;
    public static final byte RELOAD = 5;
    public static final byte LATENCY = 6;

    private Ink() {}

    static boolean isIntervalKind(int style) {
        return style >= 0 && style <= WAITING;
    }

    /** The style of a summary's worst state (an {@link IntervalKind} ordinal, or -1 for none: -1). */
    public static byte ofState(int ordinal) {
        return ordinal < 0 ? -1 : of(IntervalKind.ofOrdinal(ordinal));
    }

    /**
     * The style of an interval kind. The kinds of channels and sync primitives have no style of their own yet:
     * a wait on a primitive is drawn as a wait, a buffered value as a send.
     */
    public static byte of(IntervalKind kind) {
        if (kind.isPrimWait()) {
            return WAITING;
        }
        return kind == IntervalKind.BUFFERED ? SENDING : (byte) kind.ordinal();
    }
}
