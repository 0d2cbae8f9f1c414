package dev.lockscope.lock;

import dev.lockscope.event.TraceEvent;

/** What a lock needs from the simulation around it: the virtual clock and the event stream. */
public interface LockHost {
    long now();

    void emit(TraceEvent event);
}
