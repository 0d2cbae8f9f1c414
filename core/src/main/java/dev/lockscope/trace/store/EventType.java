package dev.lockscope.trace.store;

import dev.lockscope.event.TraceEvent;

/** The kind of a stored row; one constant per {@link TraceEvent} record, stored as its ordinal in one byte. */
public enum EventType {
    SPAWN, EXIT, LOCK_CREATED, REQUEST, ACQUIRE, RELEASE, BLOCKED, PARK, SLEEP, SEND_START, DELIVER, DROP,
    MEMBER, COMMAND, ALERT, END;

    private static final EventType[] VALUES = values();

    static EventType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /**
     * Whether a row of this type starts an interval, and so is an interval id: the goroutine's life, a wait, a
     * hold, a send, a sleep or a park.
     */
    public boolean startsInterval() {
        return switch (this) {
            case SPAWN, REQUEST, ACQUIRE, SEND_START, SLEEP, PARK -> true;
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
        };
    }
}
