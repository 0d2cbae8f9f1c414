package dev.lockscope.app.timeline.impl;

/**
 * The visible time window [{@code start}, {@code end}) mapped onto {@code width} pixels; immutable. Zooming
 * and panning return new viewports, computed in {@code double} and rounded to whole nanoseconds.
 *
 * @param start the time at the left edge, ns
 * @param end   the time at the right edge, ns; greater than {@code start}
 * @param width the plot width in pixels, &gt; 0
 */
public record Viewport(long start, long end, double width) {
    /** The narrowest window: 1 &micro;s across the plot. */
    public static final long MIN_SPAN = 1_000;

    public Viewport {
        if (end <= start) {
            throw new IllegalArgumentException("end must be > start: " + end + " <= " + start);
        }
        if (!(width > 0)) {
            throw new IllegalArgumentException("width must be > 0: " + width);
        }
    }

    public long span() {
        return end - start;
    }

    /** Nanoseconds per pixel. */
    public double nsPerPixel() {
        return span() / width;
    }

    /** The x of time {@code t}, relative to the plot's left edge. */
    public double x(long t) {
        return (t - start) / nsPerPixel();
    }

    /** The time at plot x {@code x}. */
    public long time(double x) {
        return start + Math.round(x * nsPerPixel());
    }

    /**
     * Zooms by {@code factor} (below 1 zooms in) keeping the time under plot x {@code x} where it is. The span
     * stays within [{@link #MIN_SPAN}, {@code maxSpan}].
     */
    public Viewport zoomAt(double x, double factor, long maxSpan) {
        double span = Math.clamp(span() * factor, (double) MIN_SPAN, (double) Math.max(maxSpan, MIN_SPAN));
        double pivot = start + x * nsPerPixel();
        long newStart = Math.round(pivot - x / width * span);
        return new Viewport(newStart, newStart + Math.round(span), width);
    }

    /** Moves the window so that the content moves {@code dx} pixels to the right (the view looks earlier). */
    public Viewport panPixels(double dx) {
        long shift = Math.round(dx * nsPerPixel());
        return new Viewport(start - shift, end - shift, width);
    }

    public Viewport withWidth(double newWidth) {
        return new Viewport(start, end, newWidth);
    }
}
