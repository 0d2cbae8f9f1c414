package dev.lockscope.trace;

import dev.lockscope.event.TraceEvent;
import dev.lockscope.model.Mode;
import dev.lockscope.model.Site;

/**
 * Where {@link TraceReader} delivers the events it has read and checked: the common types field by field, so that
 * a target that stores fields (a {@code TraceStore}) needs no event object per line; the others as
 * {@link TraceEvent}s. Every call is one event, equal to the {@link TraceEvent} its name and fields describe.
 */
interface EventTarget {
    void spawn(long t, int g, String name, String kind, int parent);

    void exit(long t, int g);

    void request(long t, int g, int lock, Mode mode, Site site);

    void acquire(long t, int g, int lock, Mode mode, Site site);

    void release(long t, int g, int lock, Mode mode, Site site);

    /** {@code by[0, count)}: the blockers; the array is the caller's, reused after the call. */
    void blocked(long t, int g, int lock, int[] by, int count);

    void park(long t, int g, Site site);

    void sleep(long t, int g, long durationNs, Site site);

    void send(long t, int g, String member, long msg, long durationNs, Site site);

    void deliver(long t, int g, String member, long msg, long latencyNs);

    /** Any other event: lock, drop, member, command, alert, end. */
    void other(TraceEvent event);

    /**
     * Makes the calls that {@code calls} makes as one group (a batch handed over by {@link PipelinedLoad}); a
     * target may defer per-call work to the end of the group. The default just runs them.
     */
    default void group(Runnable calls) {
        calls.run();
    }
}
