package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.interval.IntervalKind;
import org.junit.jupiter.api.Test;
/** The cursor sweep of one span on its own, with expectations counted by hand (kinds as ordinal + 1). */
class SpanSweepTest {
    private static final int RUNNING = IntervalKind.RUNNING.ordinal() + 1;
    private static final int SENDING = IntervalKind.SENDING.ordinal() + 1;
    private static final int HOLD_READ = IntervalKind.HOLD_READ.ordinal() + 1;
    private static final int WAITING = IntervalKind.WAITING.ordinal() + 1;

    private final SpanSweep sweep = new SpanSweep();

    /**
     * Span [0, 100): [-5, 5) running (clipped to [0, 5)), [10, 30) a read hold, [20, 40) a wait, [50, 50) of zero
     * length, [90, 200) a send (clipped to [90, 100)).
     */
    private void load() {
        sweep.reset(0, 100);
        sweep.add(-5, 5, RUNNING);
        sweep.add(10, 30, HOLD_READ);
        sweep.add(20, 40, WAITING);
        sweep.add(50, 50, SENDING);
        sweep.add(90, 200, SENDING);
        sweep.seal();
    }

    private long[] sum(long from, long to) {
        SummaryPyramid.Accumulator acc = new SummaryPyramid.Accumulator();
        sweep.sum(from, to, acc);
        return new long[] {acc.busy, acc.max, acc.worst};
    }

    @Test
    void clipsToTheSpanAndDropsWhatHasNoLength() {
        load();
        assertThat(sweep.size()).isEqualTo(4);
        assertThat(sum(0, 10)).containsExactly(5, 1, RUNNING);
        assertThat(sum(60, 100)).containsExactly(10, 1, SENDING);
    }

    @Test
    void consecutivePiecesCarryTheActiveIntervalsAcross() {
        load();
        assertThat(sum(0, 10)).containsExactly(5, 1, RUNNING);
        assertThat(sum(10, 25)).containsExactly(15, 2, WAITING); // hold 10-25, wait 20-25
        assertThat(sum(25, 40)).containsExactly(15, 2, WAITING); // both active at 25, the wait until 40
        assertThat(sum(40, 60)).containsExactly(0, 0, 0); // the wait ends at 40: it does not touch [40, 60)
        assertThat(sum(60, 100)).containsExactly(10, 1, SENDING);
    }

    @Test
    void aPieceBeforeTheCursorRewinds() {
        load();
        assertThat(sum(60, 100)).containsExactly(10, 1, SENDING);
        assertThat(sum(15, 35)).containsExactly(20, 2, WAITING); // hold 15-30, wait 20-35
        assertThat(sum(15, 35)).containsExactly(20, 2, WAITING); // the same piece again
        assertThat(sum(30, 31)).containsExactly(1, 1, WAITING); // the hold ended at 30
        assertThat(sum(0, 1)).containsExactly(1, 1, RUNNING);
    }

    @Test
    void piecesThatSkipTimeStillSeeLongIntervals() {
        load();
        assertThat(sum(0, 2)).containsExactly(2, 1, RUNNING);
        assertThat(sum(35, 36)).containsExactly(1, 1, WAITING); // skipped the hold's start and end entirely
        assertThat(sum(99, 100)).containsExactly(1, 1, SENDING);
    }

    @Test
    void touchingIntervalsDoNotStackButEqualStartsDo() {
        sweep.reset(0, 20);
        sweep.add(0, 10, HOLD_READ);
        sweep.add(0, 10, HOLD_READ);
        sweep.add(10, 20, HOLD_READ);
        sweep.seal();
        assertThat(sum(0, 20)).containsExactly(20, 2, HOLD_READ);
        assertThat(sum(5, 15)).containsExactly(10, 2, HOLD_READ); // both 5-10, then one 10-15
        sweep.reset(0, 20);
        sweep.add(0, 10, HOLD_READ);
        sweep.add(10, 20, HOLD_READ);
        sweep.seal();
        assertThat(sum(0, 20)).containsExactly(20, 1, HOLD_READ);
        assertThat(sum(9, 11)).containsExactly(2, 1, HOLD_READ);
    }

    @Test
    void aResetForgetsThePreviousSpan() {
        load();
        assertThat(sum(10, 25)).containsExactly(15, 2, WAITING);
        sweep.reset(0, 100);
        sweep.seal();
        assertThat(sum(10, 25)).containsExactly(0, 0, 0);
    }
}
