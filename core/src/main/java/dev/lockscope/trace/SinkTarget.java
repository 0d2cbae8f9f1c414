package dev.lockscope.trace;

import dev.lockscope.event.EventSink;
import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import java.util.List;

/** Builds the {@link TraceEvent} of every call and passes it to an {@link EventSink}: the general read path. */
final class SinkTarget implements EventTarget {
    private final EventSink sink;

    SinkTarget(EventSink sink) {
        this.sink = sink;
    }

    @Override
    public void spawn(long t, int g, String name, String kind, int parent) {
        sink.accept(new TraceEvent.Spawn(t, g, name, kind, parent));
    }

    @Override
    public void exit(long t, int g) {
        sink.accept(new TraceEvent.Exit(t, g));
    }

    @Override
    public void request(long t, int g, int lock, Mode mode, Site site) {
        sink.accept(new TraceEvent.Request(t, g, lock, mode, site));
    }

    @Override
    public void acquire(long t, int g, int lock, Mode mode, Site site) {
        sink.accept(new TraceEvent.Acquire(t, g, lock, mode, site));
    }

    @Override
    public void release(long t, int g, int lock, Mode mode, Site site) {
        sink.accept(new TraceEvent.Release(t, g, lock, mode, site));
    }

    @Override
    public void blocked(long t, int g, int lock, int[] by, int count) {
        Integer[] blockers = new Integer[count];
        for (int i = 0; i < count; i++) {
            blockers[i] = by[i];
        }
        sink.accept(new TraceEvent.Blocked(t, g, lock, List.of(blockers)));
    }

    @Override
    public void park(long t, int g, Site site) {
        sink.accept(new TraceEvent.Park(t, g, site));
    }

    @Override
    public void sleep(long t, int g, long durationNs, Site site) {
        sink.accept(new TraceEvent.Sleep(t, g, durationNs, site));
    }

    @Override
    public void send(long t, int g, String member, long msg, long durationNs, Site site) {
        sink.accept(new TraceEvent.SendStart(t, g, member, msg, durationNs, site));
    }

    @Override
    public void deliver(long t, int g, String member, long msg, long latencyNs) {
        sink.accept(new TraceEvent.Deliver(t, g, member, msg, latencyNs));
    }

    @Override
    public void other(TraceEvent event) {
        sink.accept(event);
    }
}
