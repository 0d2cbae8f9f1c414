package dev.lockscope.model;

/**
 * Detector thresholds. A wait or hold raises an alert once it lasts strictly longer than its threshold.
 *
 * @param lockOrder whether the lock-order detector runs
 */
public record DetectorConfig(long holdThresholdNs, long waitThresholdNs, boolean lockOrder) {
    public static final long DEFAULT_THRESHOLD_NS = 1_000_000_000L;
    public static final DetectorConfig DEFAULTS = new DetectorConfig(DEFAULT_THRESHOLD_NS, DEFAULT_THRESHOLD_NS, true);

    public DetectorConfig {
        if (holdThresholdNs < 0 || waitThresholdNs < 0) {
            throw new IllegalArgumentException("thresholds must be >= 0");
        }
    }
}
