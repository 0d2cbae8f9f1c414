package dev.lockscope.trace;

import dev.lockscope.event.AlertKind;
import dev.lockscope.event.EventSink;
import dev.lockscope.event.MemberChange;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Command;
import dev.lockscope.model.LockKind;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.scenario.BuiltinScenarios;
import dev.lockscope.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** A small run with every event type, and helpers to write and collect it. */
final class TraceSamples {
    static final long MS = 1_000_000L;
    static final Site RLOCK = new Site("Broadcast", "Room.Broadcast: r.membersMx.RLock()");
    static final Site SEND = new Site("Broadcast", "Room.Broadcast: m.Send(msg)");
    static final Site WAIT = new Site("Broadcast", "Room.Broadcast: wg.Wait()");
    static final Site SLEEP = new Site("g1", "g1: sleep 10");
    static final Site ADD = new Site("Add", "Room.Add: r.membersMx.Lock()");
    static final Site RUNLOCK = new Site("Broadcast", "Room.Broadcast: r.membersMx.RUnlock()");

    private TraceSamples() {}

    static Scenario scenario() {
        return BuiltinScenarios.byName("hand-example").orElseThrow();
    }

    /**
     * Every event type at least once; times non-decreasing; strings that need escaping; consistent (docs/trace-format.md,
     * "Consistency"): goroutines spawned and locks declared before use, a blocked report inside a wait, releases of
     * holds. g2's second request replaces its first, as a tracker's timed-out request is replaced.
     */
    static List<TraceEvent> events() {
        return List.of(
                new TraceEvent.Spawn(0, 1, "Broadcast#1", "Broadcast", 0),
                new TraceEvent.LockCreated(0, 0, "membersMx", LockKind.RWMUTEX),
                new TraceEvent.Request(0, 1, 0, Mode.READ, RLOCK),
                new TraceEvent.Acquire(0, 1, 0, Mode.READ, RLOCK),
                new TraceEvent.SendStart(0, 1, "a", 1, 20 * MS, SEND),
                new TraceEvent.Spawn(1, 2, "Add#2", "Add", 1),
                new TraceEvent.Request(2, 2, 0, Mode.WRITE, ADD),
                new TraceEvent.Blocked(5, 2, 0, List.of(1)),
                new TraceEvent.Park(6, 2, WAIT),
                new TraceEvent.Spawn(7, 3, "g1", "g1", 0),
                new TraceEvent.Sleep(7, 3, 10 * MS, SLEEP),
                new TraceEvent.Deliver(20 * MS, 1, "a", 1, 20 * MS),
                new TraceEvent.Drop(21 * MS, "b", 2),
                new TraceEvent.MemberEvent(22 * MS, "d", MemberChange.JOIN),
                new TraceEvent.CommandApplied(23 * MS, 123, false,
                        new Command.SetMember("bob", OptionalLong.of(30 * MS), OptionalLong.empty())),
                new TraceEvent.CommandApplied(23 * MS, 124, true, new Command.Join("eve", 1800 * MS, 100 * MS)),
                new TraceEvent.Request(24 * MS, 2, 0, Mode.WRITE, ADD),
                new TraceEvent.Release(24 * MS, 1, 0, Mode.READ, RUNLOCK),
                new TraceEvent.Alert(25 * MS, AlertKind.LONG_WAIT, "g2 waited 1.2 s for membersMx",
                        "g2 waited 1.2 s\n  blocked by g3 \"Broadcast#1\" \u00fcber\ttab", List.of(3, 2), List.of(0)),
                new TraceEvent.Exit(26 * MS, 1),
                new TraceEvent.End(30 * MS));
    }

    static void writeAtomic(Path file, List<TraceEvent> events) throws IOException {
        try (TraceWriter w = TraceWriter.atomic(file, scenario())) {
            events.forEach(w::accept);
            w.finish();
        }
    }

    /** An {@link EventSink} that keeps what it gets and whether it was finished. */
    static final class Collector implements EventSink {
        final List<TraceEvent> events = new ArrayList<>();
        boolean finished;

        @Override
        public void accept(TraceEvent event) {
            events.add(event);
        }

        @Override
        public void finish() {
            finished = true;
        }
    }
}
