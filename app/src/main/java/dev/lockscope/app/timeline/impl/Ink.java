package dev.lockscope.app.timeline.impl;

import dev.lockscope.interval.IntervalKind;

/**
 * The styles of what a {@link FramePlan} draws, as bytes. The first seven equal the {@link IntervalKind}
 * ordinals; {@link #of} maps every kind, so a summary's worst state has its style.
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
    /** Blocked sending on a channel. */
    public static final byte CHAN_SEND = 10;
    /** Blocked receiving from a channel (or waiting for a context's {@code Done()}). */
    public static final byte CHAN_RECV = 11;
    /** Blocked in a {@code select}. */
    public static final byte SELECT = 12;
    /** Blocked in {@code wg.Wait()}, {@code c.Wait()} or {@code once.Do}. */
    public static final byte SYNC_WAIT = 13;
    /** Values in a channel's buffer. */
    public static final byte BUFFERED = 14;
    public static final int STYLES = 15;

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

    /** Whether a style is a wait of some kind: drawn hatched and outlined, so that it reads as trouble without colour. */
    public static boolean isWait(byte style) {
        return style == WAITING || style >= CHAN_SEND && style <= SYNC_WAIT;
    }

    /** The style of a summary's worst state (an {@link IntervalKind} ordinal, or -1 for none: -1). */
    public static byte ofState(int ordinal) {
        return ordinal < 0 ? -1 : of(IntervalKind.ofOrdinal(ordinal));
    }

    /**
     * The style of an interval kind: the first seven are their own ordinals; a channel send, a receive and a select
     * each have a style, the waits on a WaitGroup, a Cond and a Once share one, and a buffered value has one.
     */
    public static byte of(IntervalKind kind) {
        return switch (kind) {
            case CHAN_SEND -> CHAN_SEND;
            case CHAN_RECV -> CHAN_RECV;
            case SELECT -> SELECT;
            case WG_WAIT, COND_WAIT, ONCE_WAIT -> SYNC_WAIT;
            case BUFFERED -> BUFFERED;
            default -> (byte) kind.ordinal();
        };
    }
}
