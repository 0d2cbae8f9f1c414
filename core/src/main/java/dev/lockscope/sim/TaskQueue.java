package dev.lockscope.sim;

import java.util.Arrays;

/**
 * The kernel's tasks in (time, priority, sequence number) order. The sequence number makes the order total, so tasks
 * at the same instant and priority run first-scheduled, first-run, on every machine.
 *
 * <p>A binary min-heap of <em>runs</em>: tasks added one after another with the same time and priority share one
 * heap entry, a FIFO run, keyed by its first task's order. A broadcast that starts 500 sends schedules 500 wake-ups
 * for the same instant in a row; as one run they cost one heap insertion and one removal instead of 500 of each.
 * The order is unchanged: only the most recently created run is appended to, so every task in a run comes before
 * every task of a later run with the same time and priority, and removing a run's head leaves its key below every
 * other entry's it was below. Keys live in primitive arrays so that sifting touches no run objects.
 */
final class TaskQueue {
    private static final int PRIORITY_BITS = 2;

    private long[] times = new long[64];
    private long[] orders = new long[64];
    private Run[] runs = new Run[64];
    private int heapSize;
    private int tasks;
    private long nextSeq;
    /** The run created last, while it is in the heap: the only one a new task may join. */
    private Run open;
    private long openTime;
    private int openPriority;
    /** Emptied runs kept for reuse, so that a queue of distinct instants allocates no run per task. */
    private Run spare;

    void add(long time, Priority priority, Task task) {
        tasks++;
        long seq = nextSeq++;
        if (open != null && openTime == time && openPriority == priority.ordinal()) {
            open.add(task);
            return;
        }
        Run run = spare != null ? spare : new Run();
        spare = run.next;
        run.next = null;
        run.add(task);
        open = run;
        openTime = time;
        openPriority = priority.ordinal();
        push(time, ((long) priority.ordinal() << (63 - PRIORITY_BITS)) | seq, run);
    }

    boolean isEmpty() {
        return tasks == 0;
    }

    int size() {
        return tasks;
    }

    /** Time of the first task; only valid when not empty. */
    long peekTime() {
        return times[0];
    }

    /** Removes and returns the first task. */
    Task poll() {
        tasks--;
        Run first = runs[0];
        Task task = first.poll();
        if (first.isEmpty()) {
            if (first == open) {
                open = null;
            }
            popRun();
            first.next = spare;
            spare = first;
        }
        return task;
    }

    private void push(long time, long order, Run run) {
        if (heapSize == runs.length) {
            int n = heapSize * 2;
            times = Arrays.copyOf(times, n);
            orders = Arrays.copyOf(orders, n);
            runs = Arrays.copyOf(runs, n);
        }
        int i = heapSize++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, order, times[parent], orders[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, order, run);
    }

    private void popRun() {
        int last = --heapSize;
        long time = times[last];
        long order = orders[last];
        Run run = runs[last];
        runs[last] = null;
        if (last > 0) {
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && less(times[right], orders[right], times[child], orders[child])) {
                    child = right;
                }
                if (!less(times[child], orders[child], time, order)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, time, order, run);
        }
    }

    private static boolean less(long t1, long o1, long t2, long o2) {
        return t1 < t2 || (t1 == t2 && o1 < o2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        orders[to] = orders[from];
        runs[to] = runs[from];
    }

    private void set(int i, long time, long order, Run run) {
        times[i] = time;
        orders[i] = order;
        runs[i] = run;
    }

    /** A FIFO of tasks with one time and priority: a ring that grows by doubling. */
    private static final class Run {
        private Task[] ring = new Task[4];
        private int head;
        private int count;
        Run next;

        void add(Task task) {
            if (count == ring.length) {
                Task[] grown = new Task[count * 2];
                for (int k = 0; k < count; k++) {
                    grown[k] = ring[(head + k) & (ring.length - 1)];
                }
                ring = grown;
                head = 0;
            }
            ring[(head + count++) & (ring.length - 1)] = task;
        }

        Task poll() {
            Task task = ring[head];
            ring[head] = null;
            head = (head + 1) & (ring.length - 1);
            count--;
            return task;
        }

        boolean isEmpty() {
            return count == 0;
        }
    }
}
