package dev.lockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar: drawn in place when shown, nothing at all otherwise. */
class ProgressTest {
    @Test
    void aShownBarIsRedrawnInPlaceAndEndsItsLine() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err), true, 300, n -> n + "/300 runs");
        p.update(120);
        p.update(300); // the last figures are always drawn
        p.finish(300);

        String[] draws = err.toString().split("\r", -1);
        assertThat(draws[0]).isEmpty();
        assertThat(draws[1]).matches("\\[============                  \\]  40%  120/300 runs  \\d+\\.\\d s");
        assertThat(draws[2]).matches("\\[==============================\\] 100%  300/300 runs  \\d+\\.\\d s\n");
    }

    @Test
    void aHiddenBarWritesNothing() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err), false, 300, n -> n + "/300 runs");
        p.update(120);
        p.update(300);
        p.finish(300);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void finishDrawsTheFinalFiguresWhateverTheRedrawRate() {
        StringWriter err = new StringWriter();
        Progress p = new Progress(new PrintWriter(err), true, 300, n -> n + "/300 runs");
        p.update(0);
        p.update(1); // the same percentage: not redrawn
        p.finish(300);

        assertThat(lastDraw(err)).matches("\\[==============================\\] 100%  300/300 runs  \\d+\\.\\d s\n");
    }

    @Test
    void aWatchedRunsBarEndsAtTheEndOrWhereItStopped() {
        StringWriter complete = new StringWriter();
        CommandWatch run = new CommandWatch(new StopSignal(), new PrintWriter(complete), true, 9_000_000_000L);
        run.proceed(0);
        run.proceed(4_100_000_000L); // not offered to the bar: only every 256th instant is
        run.finish(true);
        assertThat(lastDraw(complete)).contains("] 100%  9000 of 9000 ms virtual  ").endsWith(" s\n");

        StringWriter stopped = new StringWriter();
        CommandWatch stop = new CommandWatch(new StopSignal(), new PrintWriter(stopped), true, 9_000_000_000L);
        stop.proceed(0);
        stop.proceed(4_100_000_000L);
        stop.finish(false);
        assertThat(lastDraw(stopped)).contains("]  45%  4100 of 9000 ms virtual  ").endsWith(" s\n");
    }

    @Test
    void aRunDrawsItsBarOnStderrUpTo100Percent() {
        CliTest.Result r = CliTest.cli("run", "hand-example", "--progress");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("scenario hand-example · 5000 ms virtual · ");
        assertThat(r.err()).startsWith("\r[                              ]   0%  0 of 5000 ms virtual  ");
        assertThat(lastDraw(r.err())).matches("\\[=+\\] 100%  5000 of 5000 ms virtual  \\d+\\.\\d s\n");
        assertThat(CliTest.cli("run", "hand-example", "--no-progress").err()).isEmpty();
    }

    private static String lastDraw(StringWriter err) {
        return lastDraw(err.toString());
    }

    private static String lastDraw(String text) {
        return text.substring(text.lastIndexOf('\r') + 1);
    }
}
