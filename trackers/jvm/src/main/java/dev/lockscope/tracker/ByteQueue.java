package dev.lockscope.tracker;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded FIFO of bytes between the threads that record (producers, one at a time: they hold the recorder's
 * lock) and one writer thread: bounded memory whatever the writer's speed.
 *
 * <p><b>Full.</b> {@link #put} waits for room (a file: the program slows down to the disk's pace rather than
 * lose events or grow without bound); {@link #offer} refuses instead (a live client: the program never waits
 * for a network peer).
 *
 * <p><b>Waking the writer.</b> A producer wakes the writer only when the queue fills past a quarter of its
 * capacity (or at close); otherwise the writer finds the bytes when its timed wait runs out. One wake-up per
 * event would cost a context switch per event, more than the event itself.
 *
 * <p><b>End.</b> After {@link #close()} puts are ignored and {@link #take} drains what is left, then reports the
 * end. After {@link #discard()} everything is dropped at once: waiting producers return, and takes report the
 * end. Both are idempotent.
 */
final class ByteQueue {
    private final byte[] ring;
    private final int wakeAt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private int head;
    private int size;
    private boolean closed;
    private boolean discarded;

    ByteQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity: expected > 0, got " + capacity);
        }
        ring = new byte[capacity];
        wakeAt = Math.max(1, capacity / 4);
    }

    int capacity() {
        return ring.length;
    }

    /**
     * Appends all of {@code bytes}, waiting for room as often as needed (a chunk longer than the capacity goes in
     * pieces). Not interruptible: a lock method must not lose events to an interrupt; the thread's interrupt
     * status is kept. Returns at once if the queue is closed or discarded.
     */
    void put(byte[] bytes) {
        lock.lock();
        try {
            int done = 0;
            while (done < bytes.length && !closed && !discarded) {
                if (size == ring.length) {
                    notFull.awaitUninterruptibly();
                    continue;
                }
                int n = Math.min(bytes.length - done, ring.length - size);
                copyIn(bytes, done, n);
                done += n;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The bytes that fit now; 0 once closed or discarded. Only {@link #take} makes room, so to the one producer
     * of the moment (the holder of the recorder's lock) this is a lower bound until it appends.
     */
    int room() {
        lock.lock();
        try {
            return closed || discarded ? 0 : ring.length - size;
        } finally {
            lock.unlock();
        }
    }

    /** Appends all of {@code bytes} if they fit now, else nothing; false if they did not fit. */
    boolean offer(byte[] bytes) {
        lock.lock();
        try {
            if (closed || discarded) {
                return true; // nothing more is wanted: not an overflow
            }
            if (bytes.length > ring.length - size) {
                return false;
            }
            copyIn(bytes, 0, bytes.length);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code into.length} bytes into {@code into}, after waiting up to {@code timeoutNanos} for a
     * quarter of the capacity to fill (or the end). Returns the count, 0 if none came in time, -1 at the end
     * (closed and drained, or discarded).
     */
    int take(byte[] into, long timeoutNanos) throws InterruptedException {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (size < wakeAt && !closed && !discarded && left > 0) {
                left = notEmpty.awaitNanos(left);
            }
            if (discarded || size == 0 && closed) {
                return -1;
            }
            int n = Math.min(size, into.length);
            int first = Math.min(n, ring.length - head);
            System.arraycopy(ring, head, into, 0, first);
            System.arraycopy(ring, 0, into, first, n - first);
            head = (head + n) % ring.length;
            size -= n;
            notFull.signal();
            return n;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void discard() {
        lock.lock();
        try {
            discarded = true;
            size = 0;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds the lock and has checked that {@code n} bytes fit. */
    private void copyIn(byte[] bytes, int from, int n) {
        int tail = (head + size) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(bytes, from, ring, tail, first);
        System.arraycopy(bytes, from + first, ring, 0, n - first);
        boolean crossed = size < wakeAt && size + n >= wakeAt;
        size += n;
        if (crossed) {
            notEmpty.signal();
        }
    }
}
