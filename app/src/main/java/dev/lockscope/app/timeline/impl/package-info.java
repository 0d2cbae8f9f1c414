/**
 * The timeline's machinery: not API. The catalog of goroutines, locks and members read incrementally from a
 * trace store ({@link dev.lockscope.app.timeline.impl.TraceCatalog}), the row layout, the viewport arithmetic, the
 * frame plan that turns a {@link dev.lockscope.trace.store.TraceView} and a viewport into primitive arrays
 * ({@link dev.lockscope.app.timeline.impl.FramePlan}) and the painter that draws a plan on a canvas. Only the
 * plan and painter know about pixels; nothing here but the painter imports JavaFX, so the plan is built and
 * benchmarked without a stage.
 */
package dev.lockscope.app.timeline.impl;
