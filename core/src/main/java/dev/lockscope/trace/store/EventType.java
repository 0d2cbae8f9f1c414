package dev.lockscope.trace.store;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.PrimOp;

/**
 * The kind of a stored row, stored as its ordinal in one byte: one constant per {@link TraceEvent} record, except
 * that an {@link TraceEvent.Act} that puts a value into a channel's buffer ({@link PrimOp#SEND}) is an
 * {@link #ACT_BUFFER} row, because it starts an interval (the value's stay in the buffer) and other acts do not.
 */
public enum EventType {
    SPAWN, EXIT, LOCK_CREATED, REQUEST, ACQUIRE, RELEASE, BLOCKED, PARK, SLEEP, SEND_START, DELIVER, DROP,
    MEMBER, COMMAND, ALERT, END, PRIM_CREATED, PRIM_WAIT, WAKE, ACT, ACT_BUFFER, PANIC, ASLEEP;

    private static final EventType[] VALUES = values();

    static EventType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /**
     * Whether a row of this type starts an interval, and so is an interval id: the goroutine's life, a wait, a
     * hold, a send, a sleep, a park, a wait on primitives, or a value's stay in a channel's buffer.
     */
    public boolean startsInterval() {
        return switch (this) {
            case SPAWN, REQUEST, ACQUIRE, SEND_START, SLEEP, PARK, PRIM_WAIT, ACT_BUFFER -> true;
            default -> false;
        };
    }

    /** The type of an event. */
    public static EventType of(TraceEvent e) {
        return switch (e) {
            case TraceEvent.Spawn s -> SPAWN;
            case TraceEvent.Exit x -> EXIT;
            case TraceEvent.LockCreated l -> LOCK_CREATED;
            case TraceEvent.Request r -> REQUEST;
            case TraceEvent.Acquire a -> ACQUIRE;
            case TraceEvent.Release r -> RELEASE;
            case TraceEvent.Blocked b -> BLOCKED;
            case TraceEvent.Park p -> PARK;
            case TraceEvent.Sleep s -> SLEEP;
            case TraceEvent.SendStart s -> SEND_START;
            case TraceEvent.Deliver d -> DELIVER;
            case TraceEvent.Drop d -> DROP;
            case TraceEvent.MemberEvent m -> MEMBER;
            case TraceEvent.CommandApplied c -> COMMAND;
            case TraceEvent.Alert a -> ALERT;
            case TraceEvent.End x -> END;
            case TraceEvent.PrimCreated p -> PRIM_CREATED;
            case TraceEvent.PrimWait w -> PRIM_WAIT;
            case TraceEvent.Wake w -> WAKE;
            case TraceEvent.Act a -> a.op() == PrimOp.SEND ? ACT_BUFFER : ACT;
            case TraceEvent.Panic p -> PANIC;
            case TraceEvent.Asleep a -> ASLEEP;
        };
    }
}
