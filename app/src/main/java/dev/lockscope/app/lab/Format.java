package dev.lockscope.app.lab;

import dev.lockscope.run.Metric;
import java.util.Locale;

/** How the lab writes times and figures. */
final class Format {
    private Format() {}

    /** Virtual time: "12.345 s". */
    static String seconds(long ns) {
        return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
    }

    /** A duration in ms: "0 ms", "229.6 ms", "1 496 ms" (no more than 4 significant digits shown). */
    static String ms(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        if (ms == 0) {
            return "0 ms";
        }
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%,.0f ms", ms);
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    /** A setting in ms, without trailing zeros: "20 ms", "1800 ms", "0.5 ms". */
    static String compactMs(long ns) {
        return java.math.BigDecimal.valueOf(Math.round(ns / 1000.0), 3).stripTrailingZeros().toPlainString() + " ms";
    }

    /** A setting as a bare number of ms: "20", "1800", "0.5". */
    static String compactNumber(long ns) {
        return java.math.BigDecimal.valueOf(Math.round(ns / 1000.0), 3).stripTrailingZeros().toPlainString();
    }

    static String nsAsMs(long ns) {
        return ms(ns / 1e6);
    }

    static String metric(Metric metric, double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return metric.unit() == Metric.Unit.MS ? ms(value) : String.format(Locale.ROOT, "%,d", Math.round(value));
    }
}
