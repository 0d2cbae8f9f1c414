package dev.lockscope.app.timeline;

/** How a {@link TimelineView} gives its goroutines rows. */
public enum GoroutineRows {
    /**
     * Each group's goroutines packed into as few lanes as they need: a goroutine takes the first lane whose last
     * goroutine has exited (a broadcast every 10 ms with one goroutine per send is one lane per member, not 12,000
     * rows).
     */
    PACKED,
    /** A row for every goroutine, named after it, as gotraceui and Perfetto show goroutines and threads. */
    ONE_PER_GOROUTINE
}
