package dev.lockscope.sim;

/**
 * The order of tasks scheduled for the same virtual instant, before their FIFO sequence number: commands see
 * the instant first, detector checks see it last, once everything else at that instant has settled.
 */
public enum Priority {
    /** Scenario and live commands. */
    COMMAND,
    /** Goroutines, timers and the broadcast ticker. */
    NORMAL,
    /** Detector checks: a wait or hold still open here lasts strictly longer than the instant. */
    LATE
}
