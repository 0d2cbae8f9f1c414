package dev.lockscope.run;

import java.util.Arrays;
import java.util.Objects;

/**
 * The "now" value of every {@link Metric} at one instant of virtual time: one point of the lab's charts.
 *
 * @param timeNs the instant, a multiple of the monitor's sample period
 */
public record MetricSample(long timeNs, double[] values) {
    public MetricSample {
        Objects.requireNonNull(values, "values");
        if (values.length != Metric.values().length) {
            throw new IllegalArgumentException("need one value per metric, got " + values.length);
        }
        values = values.clone();
    }

    public double value(Metric metric) {
        return values[metric.ordinal()];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSample s && s.timeNs == timeNs && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(timeNs) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MetricSample[" + timeNs + ", " + Arrays.toString(values) + "]";
    }
}
