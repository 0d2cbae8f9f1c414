package dev.lockscope.run;

/**
 * Watches a long headless run from outside (the command line's progress bar and Ctrl-C): asked between two
 * instants of virtual time, after every event of the earlier one was emitted, whether the run may go on. A run
 * told to stop there has a complete prefix: every instant up to the clock, nothing after it.
 */
@FunctionalInterface
public interface RunWatch {
    /** A watch that never stops a run. */
    RunWatch NONE = nowNs -> true;

    /**
     * @param nowNs the instant that is complete (the clock); the next step is at a later time
     * @return false to stop the run here
     */
    boolean proceed(long nowNs);
}
