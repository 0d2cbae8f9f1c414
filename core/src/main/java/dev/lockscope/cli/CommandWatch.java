package dev.lockscope.cli;

import dev.lockscope.run.RunWatch;
import dev.lockscope.util.Millis;

/**
 * How the command line watches a headless run ({@code run}, {@code replay}): it draws the progress bar in
 * virtual time and stops the run at the next instant once Ctrl-C or SIGTERM came ({@link StopSignal}).
 * Single-threaded, like the run it watches.
 */
final class CommandWatch implements RunWatch {
    /**
     * Progress is offered every this many instants: checking the clock at every one would cost more, and the bar
     * itself redraws at most ten times a second. Not more: an instant of big-room takes about half a millisecond,
     * and 4096 of them left the bar still for two seconds.
     */
    private static final int DRAW_EVERY = 1 << 8;

    private final StopSignal stop;
    private final Progress progress;
    private final long totalNs;
    private long now;
    private int calls;

    /** Watches a run that goes up to {@code totalNs} of virtual time, drawing its progress on {@code err} if shown. */
    CommandWatch(StopSignal stop, java.io.PrintWriter err, boolean shown, long totalNs) {
        this.stop = stop;
        this.progress = progress(err, shown, totalNs);
        this.totalNs = totalNs;
    }

    @Override
    public boolean proceed(long nowNs) {
        now = nowNs;
        if (calls++ % DRAW_EVERY == 0) {
            progress.update(nowNs);
        }
        return !stop.requested();
    }

    /** The last complete instant the run reached. */
    long now() {
        return now;
    }

    /** Ends the progress bar: at 100% if the run {@code completed}, else at the instant where it stopped. */
    void finish(boolean completed) {
        progress.finish(completed ? totalNs : now);
    }

    /** How progress in virtual time reads: {@code "4100 of 9000 ms virtual"}. */
    static Progress progress(java.io.PrintWriter err, boolean shown, long totalNs) {
        return new Progress(err, shown, totalNs, done -> Millis.number(done) + " of " + Millis.label(totalNs)
                + " virtual");
    }
}
