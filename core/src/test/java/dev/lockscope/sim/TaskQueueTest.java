package dev.lockscope.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockscope.testing.Property;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

/**
 * {@link TaskQueue} hands out tasks in (time, priority, first added) order, whatever the mix of adds and polls: runs
 * of tasks at one instant share a heap entry, and that must never reorder anything.
 */
class TaskQueueTest {
    /** One step: an add at {@code time} with {@code priority}, or (time -1) a poll. */
    record Step(long time, Priority priority) {}

    /** A task that knows when it was added, and the reference order's key. */
    record Entry(long time, Priority priority, int seq) implements Task {
        @Override
        public void run() {}
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingLong(Entry::time)
            .thenComparing(Entry::priority).thenComparingInt(Entry::seq);

    @Test
    void pollsInTimePriorityAndAdditionOrder() {
        Property.forAll(s -> s.listOf(0, 120, t -> t.intBetween(0, 3) == 0 ? new Step(-1, Priority.NORMAL)
                        // Few distinct times and long same-key streaks, so that runs form, grow, empty and restart.
                        : new Step(t.intBetween(0, 4), t.oneOf(List.of(Priority.values())))))
                .check(TaskQueueTest::pollsLikeASortedQueue);
    }

    @Test
    void aRunThatEmptiesAndRefillsKeepsItsPlace() {
        // t=1 twice (one run), a poll takes the first, then t=0, then t=1 again: a new run, after the old one.
        pollsLikeASortedQueue(List.of(new Step(1, Priority.NORMAL), new Step(1, Priority.NORMAL),
                new Step(-1, Priority.NORMAL), new Step(0, Priority.NORMAL), new Step(1, Priority.NORMAL),
                new Step(1, Priority.LATE), new Step(1, Priority.COMMAND)));
    }

    private static void pollsLikeASortedQueue(List<Step> steps) {
        TaskQueue queue = new TaskQueue();
        PriorityQueue<Entry> reference = new PriorityQueue<>(ORDER);
        List<Entry> got = new ArrayList<>();
        List<Entry> expected = new ArrayList<>();
        int seq = 0;
        for (Step step : steps) {
            if (step.time() < 0) {
                if (!reference.isEmpty()) {
                    assertThat(queue.peekTime()).isEqualTo(reference.peek().time());
                    expected.add(reference.poll());
                    got.add((Entry) queue.poll());
                }
            } else {
                Entry e = new Entry(step.time(), step.priority(), seq++);
                queue.add(e.time(), e.priority(), e);
                reference.add(e);
            }
            assertThat(queue.size()).isEqualTo(reference.size());
        }
        while (!reference.isEmpty()) {
            expected.add(reference.poll());
            got.add((Entry) queue.poll());
        }
        assertThat(queue.isEmpty()).isTrue();
        assertThat(got).isEqualTo(expected);
    }
}
