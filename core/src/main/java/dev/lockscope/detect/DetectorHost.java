package dev.lockscope.detect;

import dev.lockscope.event.TraceEvent;

/** What the detectors need from the running simulation: late timers on the virtual clock, and a way to raise. */
public interface DetectorHost {
    /** Runs {@code check} at {@code timeNs}, after everything else that happens at that instant. */
    void atEndOf(long timeNs, Runnable check);

    /** Emits an alert into the run's event stream. */
    void raise(TraceEvent.Alert alert);
}
