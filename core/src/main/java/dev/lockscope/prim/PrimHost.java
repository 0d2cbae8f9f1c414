package dev.lockscope.prim;

import dev.lockscope.lock.LockHost;
import java.util.SplittableRandom;

/**
 * What a primitive needs from the simulation around it: the clock and the event stream (as a lock does), the run's
 * one random generator (select's poll order), and timers.
 */
public interface PrimHost extends LockHost {
    /** The run's only source of randomness. */
    SplittableRandom random();

    /**
     * Runs {@code task} at {@code time} (not before now), after what is already due then. A timer counts as work
     * still pending for Go's deadlock check until it runs or is cancelled.
     */
    Cancellable timer(long time, Runnable task);
}
