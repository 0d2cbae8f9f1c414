package dev.lockscope.trace.store;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.ArrayList;
import java.util.List;

/** Feeds events to a store and remembers the row of each, so that tests can name interval ids. */
final class Recorder {
    static final Site RLOCK = new Site("Broadcast", "Room.Broadcast: r.mx.RLock()");
    static final Site RUNLOCK = new Site("Broadcast", "Room.Broadcast: r.mx.RUnlock()");
    static final Site LOCK = new Site("Add", "Room.Add: r.mx.Lock()");
    static final Site UNLOCK = new Site("Add", "Room.Add: r.mx.Unlock()");

    final TraceStore store;
    final List<TraceEvent> events = new ArrayList<>();

    Recorder(TraceStore store) {
        this.store = store;
    }

    /** Appends and returns the event's row. */
    int add(TraceEvent e) {
        int row = store.size();
        store.accept(e);
        events.add(e);
        return row;
    }

    int request(long t, int g, int lock, Mode mode) {
        return add(new TraceEvent.Request(t, g, lock, mode, mode == Mode.READ ? RLOCK : LOCK));
    }

    int acquire(long t, int g, int lock, Mode mode) {
        return add(new TraceEvent.Acquire(t, g, lock, mode, mode == Mode.READ ? RLOCK : LOCK));
    }

    int release(long t, int g, int lock, Mode mode) {
        return add(new TraceEvent.Release(t, g, lock, mode, mode == Mode.READ ? RUNLOCK : UNLOCK));
    }

    int blocked(long t, int g, int lock, Integer... blockers) {
        return add(new TraceEvent.Blocked(t, g, lock, List.of(blockers)));
    }

    /** Request and Acquire at once; returns the hold (the Acquire row). */
    int take(long t, int g, int lock, Mode mode) {
        request(t, g, lock, mode);
        return acquire(t, g, lock, mode);
    }
}
