package dev.lockscope.interval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one interval rule (docs/intervals.md), case by case, with hand-written expectations. */
class IntervalTrackerTest {
    /** A closed interval as the listener heard it: kind, goroutine, key, start, end, start tag, end tag. */
    record Closed(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag) {}

    private final List<Closed> closed = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();
    private final IntervalTracker tracker = new IntervalTracker(new IntervalTracker.Listener() {
        @Override
        public void opened(IntervalKind kind, int g, int key, long start, long plannedEnd, int tag) {
            opened.add(kind + " g" + g + " #" + tag);
        }

        @Override
        public void closed(IntervalKind kind, int g, int key, long start, long end, int startTag, int endTag) {
            closed.add(new Closed(kind, g, key, start, end, startTag, endTag));
        }
    });

    @Test
    void recursiveReadHoldsEndLastInFirstOut() {
        tracker.acquire(0, 1, 7, true, 1);
        tracker.acquire(5, 1, 7, true, 2);
        tracker.release(8, 1, 7, true, 3);
        tracker.release(9, 1, 7, true, 4);

        assertThat(closed).containsExactly(new Closed(IntervalKind.HOLD_READ, 1, 7, 5, 8, 2, 3),
                new Closed(IntervalKind.HOLD_READ, 1, 7, 0, 9, 1, 4));
        assertThat(tracker.unmatched()).isEqualTo(2); // two acquires without a request
    }

    @Test
    void aReleaseEndsAHoldInItsOwnModeFirst() {
        // A Java downgrade: write, then read, then the write is released, then the read.
        tracker.acquire(0, 1, 7, false, 1);
        tracker.acquire(2, 1, 7, true, 2);
        tracker.release(3, 1, 7, false, 3);
        tracker.release(4, 1, 7, true, 4);

        assertThat(closed).containsExactly(new Closed(IntervalKind.HOLD_WRITE, 1, 7, 0, 3, 1, 3),
                new Closed(IntervalKind.HOLD_READ, 1, 7, 2, 4, 2, 4));
    }

    @Test
    void aReleaseInTheOtherModeStillEndsTheOnlyHold() {
        tracker.acquire(0, 1, 7, true, 1);
        tracker.release(3, 1, 7, false, 2);

        assertThat(closed).containsExactly(new Closed(IntervalKind.HOLD_READ, 1, 7, 0, 3, 1, 2));
    }

    @Test
    void aWaitEndsAtTheAcquireOfTheSameLockOrAtTheNextRequest() {
        tracker.request(0, 1, 7, 1);
        tracker.acquire(4, 1, 8, false, 2); // another lock: does not end the wait
        tracker.request(6, 1, 9, 3);        // a second request ends the first wait
        tracker.acquire(10, 1, 9, false, 4);

        assertThat(closed).containsExactly(new Closed(IntervalKind.WAITING, 1, 7, 0, 6, 1, 3),
                new Closed(IntervalKind.WAITING, 1, 9, 6, 10, 3, 4));
        assertThat(tracker.openWaits()).isZero();
        assertThat(tracker.unmatched()).isEqualTo(2); // the stray acquire, the replaced wait
    }

    @Test
    void aHoldOutlivesItsGoroutineAndTheParkEndsAtTheExit() {
        tracker.spawn(0, 1, 1);
        tracker.acquire(1, 1, 7, false, 2);
        tracker.park(2, 1, 3);
        tracker.exit(5, 1, 4);

        assertThat(closed).containsExactly(new Closed(IntervalKind.PARKED, 1, -1, 2, 5, 3, 4),
                new Closed(IntervalKind.RUNNING, 1, -1, 0, 5, 1, 4));
        List<String> open = new ArrayList<>();
        tracker.forEachOpen((kind, g, key, start, tag) -> open.add(kind + " g" + g + " lock " + key + " since " + start));
        assertThat(open).containsExactly("HOLD_WRITE g1 lock 7 since 1");
    }

    @Test
    void aSleepLastsExactlyItsDurationAndIsReportedAtTheFirstLaterEvent() {
        tracker.sleep(0, 1, 10, 1);
        tracker.sleep(4, 1, 2, 2);      // overlapping: both last their own duration
        tracker.request(7, 2, 7, 3);    // ends the second sleep (at 6)
        assertThat(closed).containsExactly(new Closed(IntervalKind.SLEEPING, 1, -1, 4, 6, 2, -1));
        tracker.advanceTo(10);
        assertThat(closed).endsWith(new Closed(IntervalKind.SLEEPING, 1, -1, 0, 10, 1, -1));
        tracker.sleep(11, 1, 0, 4);     // zero-length: ends at once
        assertThat(closed).endsWith(new Closed(IntervalKind.SLEEPING, 1, -1, 11, 11, 4, -1));
    }

    @Test
    void aSendEndsAtTheDeliveryOfTheSameMemberAndMessage() {
        tracker.sendStart(0, 1, "bob", 3, 10, 1);
        tracker.sendStart(0, 1, "bob", 3, 11, 2);
        tracker.deliver(5, 1, new String("bob"), 11, 3); // matched by name, not by instance
        tracker.deliver(6, 1, "eve", 10, 4); // another member: matches nothing

        assertThat(closed).containsExactly(new Closed(IntervalKind.SENDING, 1, 3, 0, 5, 2, 3));
        assertThat(tracker.unmatched()).isEqualTo(1);
    }

    /** Sends of one goroutine end in any order, each at its own delivery: the first, a middle one, the last. */
    @Test
    void concurrentSendsOfOneGoroutineEndInAnyOrder() {
        tracker.sendStart(0, 1, "ann", 1, 10, 1);
        tracker.sendStart(1, 1, "bob", 2, 10, 2);
        tracker.sendStart(2, 1, "cy", 3, 10, 3);
        tracker.sendStart(3, 1, "dee", 4, 10, 4);
        tracker.deliver(5, 1, "ann", 10, 5);  // the first: the second takes its place
        tracker.deliver(6, 1, "cy", 10, 6);   // a middle one
        tracker.sendStart(7, 1, "eve", 5, 10, 7);
        tracker.deliver(8, 1, "eve", 10, 8);  // the last
        tracker.deliver(9, 1, "bob", 10, 9);
        tracker.deliver(10, 1, "dee", 10, 10);
        tracker.deliver(11, 1, "bob", 10, 11); // ended already: matches nothing

        assertThat(closed).containsExactly(new Closed(IntervalKind.SENDING, 1, 1, 0, 5, 1, 5),
                new Closed(IntervalKind.SENDING, 1, 3, 2, 6, 3, 6), new Closed(IntervalKind.SENDING, 1, 5, 7, 8, 7, 8),
                new Closed(IntervalKind.SENDING, 1, 2, 1, 9, 2, 9), new Closed(IntervalKind.SENDING, 1, 4, 3, 10, 4, 10));
        assertThat(tracker.unmatched()).isEqualTo(1);
    }

    @Test
    void aBlockedReportFindsTheWaitOrCountsAsUnmatched() {
        tracker.request(0, 1, 7, 1);

        assertThat(tracker.blocked(1, 1, 7, 2)).isEqualTo(1);
        assertThat(tracker.blocked(1, 1, 8, 3)).isEqualTo(IntervalTracker.NONE);
        assertThat(tracker.blocked(1, 2, 7, 4)).isEqualTo(IntervalTracker.NONE);
        assertThat(tracker.unmatched()).isEqualTo(2);
        assertThat(tracker.waitOf(1)).isEqualTo(1);
    }
}
