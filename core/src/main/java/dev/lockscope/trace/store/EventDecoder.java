package dev.lockscope.trace.store;

import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;

/** Rebuilds the {@link TraceEvent} of a row, for the rare paths (tooltips, export); allocates. */
final class EventDecoder {
    private static final MemberChange[] CHANGES = MemberChange.values();

    private final EventTable t;

    EventDecoder(EventTable table) {
        this.t = table;
    }

    TraceEvent decode(int row) {
        if (t.wide(row)) {
            return t.side.get(t.c.get(row));
        }
        long time = t.time.get(row);
        int g = t.g.get(row);
        int a = t.a.get(row);
        int b = t.b.get(row);
        int c = t.c.get(row);
        return switch (t.type(row)) {
            case SPAWN -> new TraceEvent.Spawn(time, g, t.spawnShapes.value(a).name(c), t.spawnShapes.value(a).kind(), b);
            case EXIT -> new TraceEvent.Exit(time, g);
            case REQUEST -> new TraceEvent.Request(time, g, a, t.mode(row), t.site(row));
            case ACQUIRE -> new TraceEvent.Acquire(time, g, a, t.mode(row), t.site(row));
            case RELEASE -> new TraceEvent.Release(time, g, a, t.mode(row), t.site(row));
            case BLOCKED -> new TraceEvent.Blocked(time, g, a, t.blockerSets.value(b));
            case PARK -> new TraceEvent.Park(time, g, t.site(row));
            case SLEEP -> new TraceEvent.Sleep(time, g, c, t.site(row));
            case SEND_START -> new TraceEvent.SendStart(time, g, t.members.value(t.member(row)), b, c, t.site(row));
            case DELIVER -> new TraceEvent.Deliver(time, g, t.members.value(a), b, c);
            case DROP -> new TraceEvent.Drop(time, t.members.value(a), b);
            case MEMBER -> new TraceEvent.MemberEvent(time, t.members.value(a), CHANGES[b]);
            case ALERT -> t.alerts.get(a, time);
            case END -> new TraceEvent.End(time);
            case PRIM_WAIT -> new TraceEvent.PrimWait(time, g, t.waitOp(row), t.blockerSets.value(a), t.site(row));
            case WAKE -> new TraceEvent.Wake(time, g, a);
            case ACT, ACT_BUFFER -> new TraceEvent.Act(time, g, a, t.primOp(row), c, t.site(row));
            case ASLEEP -> new TraceEvent.Asleep(time);
            case LOCK_CREATED, COMMAND, PRIM_CREATED, PANIC -> throw new IllegalStateException("row " + row
                    + " should be wide");
        };
    }
}
