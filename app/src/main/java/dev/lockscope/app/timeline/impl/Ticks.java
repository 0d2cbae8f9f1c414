package dev.lockscope.app.timeline.impl;

import java.util.Locale;

/**
 * Axis ticks for a viewport: a step of 1, 2 or 5 &times; 10<sup>k</sup> ns, the smallest whose ticks are at
 * least {@code minSpacing} pixels apart; labels in the unit that suits the step (ns, &micro;s, ms, s) with just
 * enough decimals to tell neighbouring ticks apart.
 */
public final class Ticks {
    private Ticks() {}

    /** The tick step in ns for a viewport and a minimum spacing in pixels. */
    public static long step(Viewport vp, double minSpacing) {
        double minStep = vp.nsPerPixel() * minSpacing;
        long magnitude = 1;
        while (true) {
            for (long m : new long[] {1, 2, 5}) {
                long step = m * magnitude;
                if (step >= minStep) {
                    return step;
                }
            }
            if (magnitude > Long.MAX_VALUE / 100) {
                return magnitude * 10;
            }
            magnitude *= 10;
        }
    }

    /** The first tick at or after the viewport's start. */
    public static long first(Viewport vp, long step) {
        return Math.floorDiv(vp.start() + step - 1, step) * step;
    }

    /** The label of the tick at {@code t} for ticks {@code step} apart, e.g. {@code 7.5 s}, {@code 7250 ms}. */
    public static String label(long t, long step) {
        long unit;
        String name;
        if (step >= 100_000_000L) {
            unit = 1_000_000_000L;
            name = "s";
        } else if (step >= 100_000L) {
            unit = 1_000_000L;
            name = "ms";
        } else if (step >= 100L) {
            unit = 1_000L;
            name = "µs";
        } else {
            unit = 1L;
            name = "ns";
        }
        int decimals = 0;
        for (long s = step; s < unit && s % unit != 0; s *= 10) {
            decimals++;
        }
        if (t == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f %s", t / (double) unit, name);
    }
}
