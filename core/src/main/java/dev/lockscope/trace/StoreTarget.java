package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;
import dev.lockscope.trace.store.TraceStore;

/** Appends every call to a {@link TraceStore}, the common events field by field: the bulk load path. */
final class StoreTarget implements EventTarget {
    private final TraceStore store;

    StoreTarget(TraceStore store) {
        this.store = store;
    }

    @Override
    public void spawn(long t, int g, String name, String kind, int parent) {
        store.appendSpawn(t, g, name, kind, parent);
    }

    @Override
    public void exit(long t, int g) {
        store.appendExit(t, g);
    }

    @Override
    public void request(long t, int g, int lock, Mode mode, Site site) {
        store.appendRequest(t, g, lock, mode, site);
    }

    @Override
    public void acquire(long t, int g, int lock, Mode mode, Site site) {
        store.appendAcquire(t, g, lock, mode, site);
    }

    @Override
    public void release(long t, int g, int lock, Mode mode, Site site) {
        store.appendRelease(t, g, lock, mode, site);
    }

    @Override
    public void blocked(long t, int g, int lock, int[] by, int count) {
        store.appendBlocked(t, g, lock, by, count);
    }

    @Override
    public void park(long t, int g, Site site) {
        store.appendPark(t, g, site);
    }

    @Override
    public void sleep(long t, int g, long durationNs, Site site) {
        store.appendSleep(t, g, durationNs, site);
    }

    @Override
    public void send(long t, int g, String member, long msg, long durationNs, Site site) {
        store.appendSend(t, g, member, msg, durationNs, site);
    }

    @Override
    public void deliver(long t, int g, String member, long msg, long latencyNs) {
        store.appendDeliver(t, g, member, msg, latencyNs);
    }

    @Override
    public void other(TraceEvent event) {
        store.accept(event);
    }

    /** The store publishes a batch's rows once, at its end, instead of once per row. */
    @Override
    public void group(Runnable calls) {
        store.appendBatch(calls);
    }
}
