package dev.lockscope.app.timeline.impl;

/** Sizes of the timeline's fixed parts at a given scale (1 = a laptop screen; 1.5 or 2 for a projector). */
public record Metrics(double scale) {
    public Metrics {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be > 0: " + scale);
        }
    }

    /** Width of the row labels on the left; the plot starts here. */
    public double gutter() {
        return 170 * scale;
    }

    /** Height of the time axis at the top: tick labels, alert and command markers. */
    public double axisHeight() {
        return 44 * scale;
    }

    /** Height of the legend at the bottom. */
    public double legendHeight() {
        return 26 * scale;
    }

    public double fontSize() {
        return 12 * scale;
    }

    public double smallFontSize() {
        return 10.5 * scale;
    }
}
