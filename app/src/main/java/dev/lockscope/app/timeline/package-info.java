/**
 * The timeline: {@link dev.lockscope.app.timeline.TimelineView}, a live Gantt chart of lock holders and waiters
 * drawn from a {@link dev.lockscope.trace.store.TraceStore}, with the values it publishes
 * ({@link dev.lockscope.app.timeline.TimelineSelection}, {@link dev.lockscope.app.timeline.RangeSummary}). The
 * skin is package-private; the drawing machinery is in {@code impl}, which is not API. See docs/timeline.md.
 */
package dev.lockscope.app.timeline;
