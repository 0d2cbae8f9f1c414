package dev.lockscope.trace.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.interval.IntervalKind;
import org.junit.jupiter.api.Test;
/** The pyramid on its own, with 1 ns base buckets so that every expectation can be counted by hand. */
class SummaryPyramidTest {

    private final SummaryPyramid p = new SummaryPyramid(0);

    /** Two intervals in [0,1), one in [1,16), nothing after; then time moves on to 64. */
    private void play() {
        p.advance(0);
        p.open(IntervalKind.HOLD_READ);
        p.open(IntervalKind.HOLD_WRITE);
        p.advance(1);
        p.close(IntervalKind.HOLD_WRITE);
        p.advance(16);
        p.close(IntervalKind.HOLD_READ);
        p.advance(64);
    }

    private SummaryPyramid.Accumulator sum(long from, long to) {
        SummaryPyramid.Accumulator acc = new SummaryPyramid.Accumulator();
        p.aggregate(from, to, acc);
        return acc;
    }

    @Test
    void horizonIsTheEndOfTheLastCompleteBucket() {
        play();
        assertThat(p.horizon()).isEqualTo(64);
    }

    @Test
    void aParentKeepsThePeakOfAnyChildNotJustTheLast() {
        play();
        // [0,4) is one level-1 bucket; [0,16) one level-2 bucket; the peak of 2 is in its first base bucket.
        assertThat(sum(0, 4).max).isEqualTo(2);
        assertThat(sum(0, 16).max).isEqualTo(2);
        assertThat(sum(0, 64).max).isEqualTo(2);
        assertThat(sum(4, 16).max).isEqualTo(1);
    }

    @Test
    void busyTimeAndWorstStateAddUpAcrossLevels() {
        play();
        SummaryPyramid.Accumulator all = sum(0, 64);
        assertThat(all.busy).isEqualTo(16);
        assertThat(all.worst).isEqualTo(IntervalKind.HOLD_WRITE.ordinal() + 1);
        SummaryPyramid.Accumulator later = sum(4, 20);
        assertThat(later.busy).isEqualTo(12);
        assertThat(later.worst).isEqualTo(IntervalKind.HOLD_READ.ordinal() + 1);
        assertThat(sum(16, 64).busy).isZero();
        assertThat(sum(16, 64).worst).isZero();
    }

    @Test
    void plannedEndsCloseOnTime() {
        p.advance(10);
        p.openUntil(IntervalKind.SLEEPING, 13);
        p.advance(100);
        assertThat(sum(0, 100).busy).isEqualTo(3);
        assertThat(sum(12, 13).max).isEqualTo(1);
        assertThat(sum(13, 14).max).isZero();
    }

    @Test
    void bucketsBeforeTheFirstActivityAreEmpty() {
        p.advance(1000);
        p.open(IntervalKind.WAITING);
        p.advance(1010);
        assertThat(sum(0, 992).busy).isZero();
        assertThat(sum(0, 992).max).isZero();
        assertThat(sum(0, 1008).busy).isEqualTo(8);
        assertThat(sum(996, 1008).max).isEqualTo(1);
    }

    @Test
    void oneCursorServesPiecesForwardThenBackward() {
        play();
        SummaryPyramid.Cursor cursor = new SummaryPyramid.Cursor();
        int read = IntervalKind.HOLD_READ.ordinal() + 1;
        int write = IntervalKind.HOLD_WRITE.ordinal() + 1;
        for (int pass = 0; pass < 2; pass++) {
            // Pieces of 4: a constant stretch is accounted a whole bucket at a time, so this pyramid keeps [4, 16)
            // as level-1 buckets only (and [16, 64) as level 2), which a sweeper that adds nothing cannot split.
            for (int k = 0; k < 16; k++) {
                long from = pass == 0 ? 4L * k : 4L * (15 - k); // then the same pieces right to left
                SummaryPyramid.Accumulator acc = new SummaryPyramid.Accumulator();
                p.aggregate(from, from + 4, acc, (f, t, sf, st, a) -> { }, cursor);
                // busy [0, 16); two at once in [0, 1), the write among them
                assertThat(acc.busy).as("busy of [%d, %d)", from, from + 4).isEqualTo(from < 16 ? 4 : 0);
                assertThat(acc.max).as("max of [%d, %d)", from, from + 4).isEqualTo(from == 0 ? 2 : from < 16 ? 1 : 0);
                assertThat(acc.worst).as("worst of [%d, %d)", from, from + 4).isEqualTo(from == 0 ? write : from < 16 ? read : 0);
            }
        }
    }

    @Test
    void retiringAnIdleTrackCompletesItsTopBucketAndMarksItIdle() {
        p.advance(0);
        p.open(IntervalKind.HOLD_READ);
        p.advance(10);
        p.close(IntervalKind.HOLD_READ);
        assertThat(p.horizon()).isEqualTo(10);
        p.retire();
        assertThat(p.idleFrom()).isEqualTo(10);
        assertThat(p.horizon()).isEqualTo(4096); // the end of the level-6 bucket of 4^6 ns holding time 10
        assertThat(sum(0, 4096).busy).isEqualTo(10);
        assertThat(sum(1024, 4096).busy).isZero();
    }

    @Test
    void retiringWithAnIntervalStillOpenLeavesTheHorizonAndNoIdleTime() {
        p.advance(0);
        p.open(IntervalKind.HOLD_READ);
        p.advance(10);
        p.retire();
        assertThat(p.idleFrom()).isEqualTo(Long.MAX_VALUE);
        assertThat(p.horizon()).isEqualTo(10);
    }
}
