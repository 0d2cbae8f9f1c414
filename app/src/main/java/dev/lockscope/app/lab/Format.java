package dev.lockscope.app.lab;

import dev.lockscope.run.Metric;
import dev.lockscope.util.Millis;
import java.util.Locale;

/** How the lab writes a metric's value: a time as {@link Millis#figure}, a count with thousands separators. */
final class Format {
    private Format() {}

    static String metric(Metric metric, double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return metric.unit() == Metric.Unit.MS ? Millis.figure(value) : String.format(Locale.ROOT, "%,d", Math.round(value));
    }
}
