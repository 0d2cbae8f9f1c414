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
        p.finish();

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
        p.finish();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void virtualTimeReadsInMilliseconds() {
        StringWriter err = new StringWriter();
        Progress p = CommandWatch.progress(new PrintWriter(err), true, 9_000_000_000L);
        p.update(4_100_000_000L);
        assertThat(err.toString()).contains(" 45%  4100 of 9000 ms virtual  ");
    }

    @Test
    void theProgressOptionWinsOverTheTerminal() {
        ProgressOption on = new ProgressOption();
        on.progress = true;
        ProgressOption off = new ProgressOption();
        off.progress = false;
        assertThat(on.shown()).isTrue();
        assertThat(off.shown()).isFalse();
    }
}
