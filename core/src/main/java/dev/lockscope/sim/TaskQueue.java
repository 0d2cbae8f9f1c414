package dev.lockscope.sim;

import java.util.Arrays;

/**
 * A binary min-heap of tasks ordered by (time, priority, sequence number). The sequence number makes the
 * order total, so tasks at the same instant and priority run first-scheduled, first-run, on every machine.
 * Keys live in one primitive array so that sifting touches no task objects.
 */
final class TaskQueue {
    private static final int PRIORITY_BITS = 2;

    private long[] times = new long[64];
    private long[] orders = new long[64];
    private Task[] tasks = new Task[64];
    private int size;
    private long nextSeq;

    void add(long time, Priority priority, Task task) {
        if (size == tasks.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            orders = Arrays.copyOf(orders, n);
            tasks = Arrays.copyOf(tasks, n);
        }
        long order = ((long) priority.ordinal() << (63 - PRIORITY_BITS)) | nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(time, order, times[parent], orders[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, time, order, task);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Time of the first task; only valid when not empty. */
    long peekTime() {
        return times[0];
    }

    /** Removes and returns the first task. */
    Task poll() {
        Task first = tasks[0];
        int last = --size;
        long time = times[last];
        long order = orders[last];
        Task task = tasks[last];
        tasks[last] = null;
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
            set(i, time, order, task);
        }
        return first;
    }

    private static boolean less(long t1, long o1, long t2, long o2) {
        return t1 < t2 || (t1 == t2 && o1 < o2);
    }

    private void move(int from, int to) {
        times[to] = times[from];
        orders[to] = orders[from];
        tasks[to] = tasks[from];
    }

    private void set(int i, long time, long order, Task task) {
        times[i] = time;
        orders[i] = order;
        tasks[i] = task;
    }
}
