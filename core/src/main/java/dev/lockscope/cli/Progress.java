package dev.lockscope.cli;

import java.io.PrintWriter;
import java.util.function.LongFunction;

/**
 * The progress bar of long commands, on stderr, redrawn in place:
 * {@code [=========>          ]  40%  120/300 runs  3.2 s}. Shown on a terminal, or when asked for
 * ({@link ProgressOption}); otherwise every call does nothing, so scripts and logs stay clean. Redrawn only when
 * the shown figures change, and at most ten times a second. Thread-safe (sweep workers report from their threads).
 */
final class Progress {
    private static final int WIDTH = 30;
    private static final long REDRAW_NS = 100_000_000L;

    private final PrintWriter err;
    private final boolean shown;
    private final long total;
    private final LongFunction<String> counts;
    private final long start = System.nanoTime();
    private long drawnAt = start - 10 * REDRAW_NS;
    private int drawnPercent = -1;
    private long drawnDone = -1;

    /**
     * @param total  the amount of work (runs, virtual nanoseconds)
     * @param counts how the amount done reads ("120/300 runs")
     */
    Progress(PrintWriter err, boolean shown, long total, LongFunction<String> counts) {
        this.err = err;
        this.shown = shown;
        this.total = Math.max(1, total);
        this.counts = counts;
    }

    /** Reports {@code done} out of the total. */
    synchronized void update(long done) {
        if (!shown) {
            return;
        }
        long now = System.nanoTime();
        int percent = percent(done);
        boolean changed = percent != drawnPercent;
        boolean due = now - drawnAt >= REDRAW_NS && (changed || now - drawnAt >= 10 * REDRAW_NS);
        if (!due && !(done >= total && changed)) {
            return; // at most ten redraws a second, and one a second for the clock alone; the last one always
        }
        draw(done, now);
    }

    /**
     * Draws the final figures, {@code done} out of the total (the total when the work completed, where it stopped
     * otherwise), whatever the redraw rate, and ends the bar's line so that what follows starts on a line of its
     * own. Without it a run redrawn every few thousand instants would end its bar short of 100%.
     */
    synchronized void finish(long done) {
        if (!shown) {
            return;
        }
        if (done != drawnDone) {
            draw(done, System.nanoTime());
        }
        err.println();
        err.flush();
    }

    private int percent(long done) {
        return (int) Math.min(100, 100.0 * done / total);
    }

    private void draw(long done, long now) {
        drawnAt = now;
        drawnPercent = percent(done);
        drawnDone = done;
        int filled = drawnPercent * WIDTH / 100;
        err.printf("\r[%s%s] %3d%%  %s  %.1f s", "=".repeat(filled), " ".repeat(WIDTH - filled), drawnPercent,
                counts.apply(done), (now - start) / 1e9);
        err.flush();
    }
}
