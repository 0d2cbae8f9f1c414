package dev.lockscope.trace.store;

import static dev.lockscope.model.Mode.READ;
import static dev.lockscope.model.Mode.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.interval.IntervalKind;
import dev.lockscope.trace.store.BlockerChain.Edge;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
/**
 * The room's classic stall, built by hand: readers g1..g6 hold lock 0 over [0,650), [200,850), [400,1050),
 * [600,1250), [800,1450), [1000,1650); writer g10 requests at 1010 and waits for them, acquiring at 1650 and
 * releasing at 1700; reader g7 requests at 1100 and waits behind the pending writer until 1700.
 */
class ReadersAndWriterTest {
    private static final int LOCK = 0;

    private final Recorder r = new Recorder(new TraceStore(4)); // 16 ns buckets
    private final int[] hold = new int[7];
    private int writerWait;
    private int writerHold;
    private int readerWait;
    private int readerHold;

    @BeforeEach
    void play() {
        hold[1] = r.take(0, 1, LOCK, READ);
        hold[2] = r.take(200, 2, LOCK, READ);
        hold[3] = r.take(400, 3, LOCK, READ);
        hold[4] = r.take(600, 4, LOCK, READ);
        r.release(650, 1, LOCK, READ);
        hold[5] = r.take(800, 5, LOCK, READ);
        r.release(850, 2, LOCK, READ);
        hold[6] = r.take(1000, 6, LOCK, READ);
        writerWait = r.request(1010, 10, LOCK, WRITE);
        r.blocked(1010, 10, LOCK, 3, 4, 5, 6);
        r.release(1050, 3, LOCK, READ);
        r.blocked(1050, 10, LOCK, 4, 5, 6);
        readerWait = r.request(1100, 7, LOCK, READ);
        r.blocked(1100, 7, LOCK, 10);
        r.release(1250, 4, LOCK, READ);
        r.blocked(1250, 10, LOCK, 5, 6);
        r.release(1450, 5, LOCK, READ);
        r.blocked(1450, 10, LOCK, 6);
        r.release(1650, 6, LOCK, READ);
        writerHold = r.acquire(1650, 10, LOCK, WRITE);
        r.release(1700, 10, LOCK, WRITE);
        readerHold = r.acquire(1700, 7, LOCK, READ);
    }

    @Test
    void countStartingCountsTheHoldsThatStartInTheWindow() {
        TraceView v = r.store.view();
        Track holders = Track.lockHolders(LOCK);
        assertThat(v.countStarting(holders, 0, 2000)).isEqualTo(8); // six readers, the writer, g7
        assertThat(v.countStarting(holders, 200, 800)).isEqualTo(3); // [200, 800): g2, g3, g4
        assertThat(v.countStarting(holders, 201, 400)).isZero();
        assertThat(v.countStarting(holders, 1650, 1701)).isEqualTo(2);
        assertThat(v.countStarting(Track.lockWaiters(LOCK), 1000, 2000)).isEqualTo(3); // g6 (of zero length), g10, g7
        assertThat(v.countStarting(Track.lockHolders(9), 0, 2000)).isZero();
    }

    @Test
    void holdsEndAtTheirReleases() {
        TraceView v = r.store.view();
        assertThat(v.start(hold[3])).isEqualTo(400);
        assertThat(v.end(hold[3])).isEqualTo(1050);
        assertThat(v.kind(hold[3])).isEqualTo(IntervalKind.HOLD_READ);
        assertThat(v.end(writerHold)).isEqualTo(1700);
        assertThat(v.kind(writerHold)).isEqualTo(IntervalKind.HOLD_WRITE);
        assertThat(v.waitOf(writerHold)).isEqualTo(writerWait);
        assertThat(v.end(readerHold)).isEqualTo(TraceView.OPEN);
        assertThat(v.unmatched()).isZero();
    }

    @Test
    void overlapQueryReturnsExactlyTheHoldsActiveInTheWindow() {
        TraceView v = r.store.view();
        assertThat(v.overlapping(Track.lockHolders(LOCK), 700, 900)).containsExactly(hold[2], hold[3], hold[4], hold[5]);
        assertThat(v.overlapping(Track.lockHolders(LOCK), 650, 651)).containsExactly(hold[2], hold[3], hold[4]);
        assertThat(v.overlapping(Track.lockHolders(LOCK), 1600, 5000)).containsExactly(hold[6], writerHold, readerHold);
        int g6ZeroWait = hold[6] - 1; // requested and acquired at 1000: an instant inside the window
        assertThat(v.overlapping(Track.lockWaiters(LOCK), 1000, 1100)).containsExactly(g6ZeroWait, writerWait);
        assertThat(v.overlapping(Track.lockWaiters(LOCK), 1001, 1100)).containsExactly(writerWait);
    }

    @Test
    void zeroLengthWaitsOverlapOnlyWindowsContainingTheirInstant() {
        TraceView v = r.store.view();
        int g2ZeroWait = hold[2] - 1;
        assertThat(v.overlapping(Track.lockWaiters(LOCK), 200, 201)).containsExactly(g2ZeroWait);
        assertThat(v.overlapping(Track.lockWaiters(LOCK), 201, 400)).isEmpty();
        assertThat(v.overlapping(Track.lockWaiters(LOCK), 201, 401)).containsExactly(hold[3] - 1);
    }

    @Test
    void writerWaitKnowsItsBlockersAsTheyChanged() {
        TraceView v = r.store.view();
        assertThat(v.blockedBy(writerWait, 1010)).containsExactly(3, 4, 5, 6);
        assertThat(v.blockedBy(writerWait, 1049)).containsExactly(3, 4, 5, 6);
        assertThat(v.blockedBy(writerWait, 1050)).containsExactly(4, 5, 6);
        assertThat(v.blockedBy(writerWait, 1300)).containsExactly(5, 6);
        assertThat(v.blockedBy(writerWait, 1649)).containsExactly(6);
        assertThat(v.blockedBy(writerWait, 1650)).isEmpty();
        assertThat(v.blockerChangeTimes(writerWait)).containsExactly(1010, 1050, 1250, 1450);
    }

    @Test
    void readerBehindPendingWriterChainsToTheReadersTheWriterWaitsFor() {
        BlockerChain chain = r.store.view().blockerChain(readerWait, 1300);
        assertThat(chain.edges()).containsExactly(
                new Edge(readerWait, 7, 10), new Edge(writerWait, 10, 5), new Edge(writerWait, 10, 6));
        assertThat(chain.roots()).containsExactly(5, 6);
    }

    @Test
    void waitOfAGoroutineIsFoundByTime() {
        TraceView v = r.store.view();
        assertThat(v.waitAt(10, 1200)).isEqualTo(writerWait);
        assertThat(v.waitAt(10, 1650)).isEqualTo(-1);
        assertThat(v.waitAt(7, 1699)).isEqualTo(readerWait);
    }

    @Test
    void aPrefixViewSeesLaterEndsAsOpen() {
        TraceStore store = new TraceStore(4);
        for (int i = 0; i < r.events.size() && r.events.get(i).time() <= 1300; i++) {
            store.accept(r.events.get(i));
        }
        TraceView v = store.view();
        assertThat(v.end(writerWait)).isEqualTo(TraceView.OPEN);
        assertThat(v.end(hold[6])).isEqualTo(TraceView.OPEN);
        assertThat(v.end(hold[4])).isEqualTo(1250);
        assertThat(v.blockedBy(writerWait, 1300)).containsExactly(5, 6);
        assertThat(v.now()).isEqualTo(1250);
    }

    @Test
    void holderSummaryCountsConcurrentReaders() {
        // 4 pixels of 400 ns over [0, 1600). Readers at once: [0,400) g1 g2; [400,800) g1..g4 in [600,650);
        // [800,1200) g2..g5 in [800,850); [1200,1600) g4 g5 g6 in [1200,1250).
        RowSummary s = r.store.view().summarize(Track.lockHolders(LOCK), 0, 1600, 4);
        assertThat(s.maxConcurrency()).containsExactly(2, 4, 4, 3);
        assertThat(s.busyFraction()).containsExactly(1.0, 1.0, 1.0, 1.0);
        assertThat(s.worst(0)).isEqualTo(IntervalKind.HOLD_READ);
        RowSummary waiters = r.store.view().summarize(Track.lockWaiters(LOCK), 800, 1216, 2);
        // Pixel edges on 16 ns buckets: [800,1008) and [1008,1216). The first holds only g6's zero-length wait;
        // in the second the writer waits from 1010 and the reader from 1100: 206 ns busy, 2 at once.
        assertThat(waiters.from(1)).isEqualTo(1008);
        assertThat(waiters.busyFraction()).containsExactly(0.0, 206.0 / 208);
        assertThat(waiters.maxConcurrency()).containsExactly(0, 2);
        assertThat(waiters.worstState()).containsExactly((byte) -1, (byte) IntervalKind.WAITING.ordinal());
    }
}
