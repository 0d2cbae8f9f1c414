package dev.lockscope.app.timeline.impl;

import java.util.Locale;

/** How the timeline writes times and durations: three significant digits and a unit (ns, &micro;s, ms, s). */
public final class Formats {
    private Formats() {}

    /** A duration, such as {@code 1.76 s}, {@code 880 ms}, {@code 12.3 µs}, {@code 450 ns}. */
    public static String duration(long ns) {
        if (ns < 0) {
            return "-" + duration(-ns);
        }
        if (ns < 1_000) {
            return ns + " ns";
        }
        if (ns < 1_000_000) {
            return significant(ns / 1e3) + " µs";
        }
        if (ns < 1_000_000_000) {
            return significant(ns / 1e6) + " ms";
        }
        return significant(ns / 1e9) + " s";
    }

    /** An instant of virtual time in seconds with millisecond precision, e.g. {@code 7.520 s}. */
    public static String instant(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    private static String significant(double v) {
        String s;
        if (v >= 100) {
            s = String.format(Locale.ROOT, "%.0f", v);
        } else if (v >= 10) {
            s = String.format(Locale.ROOT, "%.1f", v);
        } else {
            s = String.format(Locale.ROOT, "%.2f", v);
        }
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
